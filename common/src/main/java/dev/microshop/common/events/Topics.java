package dev.microshop.common.events;

import java.util.List;

/**
 * The platform's Kafka topics: one per aggregate type, keyed by the aggregate id so that
 * the events of one user, order or payment stay in order on one partition.
 */
public final class Topics {

	/** {@link UserRegistered}. */
	public static final String USERS = "user-events";

	/** {@link OrderPlaced}, {@link OrderConfirmed}, {@link OrderCancelled}. */
	public static final String ORDERS = "order-events";

	/**
	 * {@link PaymentAuthorized}, {@link PaymentDeclined}, keyed by the order id they
	 * answer.
	 */
	public static final String PAYMENTS = "payment-events";

	/** Records a service could not process go to {@code <topic>.<service>.DLT}. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	/** Every topic, in the order they are created. */
	public static final List<String> ALL = List.of(USERS, ORDERS, PAYMENTS);

	private Topics() {
	}

	/**
	 * Returns the dead-letter topic of one consuming service for one topic.
	 */
	public static String deadLetter(String topic, String service) {
		return topic + "." + service + DEAD_LETTER_SUFFIX;
	}

}
