package dev.microshop.common.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event the platform publishes: its name on the wire, its schema version and its
 * topic. A consumer reads any version up to the one it knows; a change that breaks
 * readers gets a new version.
 */
public enum EventType {

	USER_REGISTERED(UserRegistered.class, 1, Topics.USERS),

	ORDER_PLACED(OrderPlaced.class, 1, Topics.ORDERS),

	ORDER_CONFIRMED(OrderConfirmed.class, 1, Topics.ORDERS),

	ORDER_CANCELLED(OrderCancelled.class, 1, Topics.ORDERS),

	PAYMENT_AUTHORIZED(PaymentAuthorized.class, 1, Topics.PAYMENTS),

	PAYMENT_DECLINED(PaymentDeclined.class, 1, Topics.PAYMENTS);

	private final Class<? extends Event> payloadType;

	private final int version;

	private final String topic;

	private final String typeName;

	EventType(Class<? extends Event> payloadType, int version, String topic) {
		this.payloadType = payloadType;
		this.version = version;
		this.topic = topic;
		this.typeName = payloadType.getSimpleName();
	}

	/**
	 * Returns the name written in the {@code type} field, the payload's simple class
	 * name.
	 */
	public String typeName() {
		return this.typeName;
	}

	public Class<? extends Event> payloadType() {
		return this.payloadType;
	}

	public int version() {
		return this.version;
	}

	public String topic() {
		return this.topic;
	}

	public static EventType of(Event event) {
		return Arrays.stream(values()).filter((type) -> type.payloadType == event.getClass()).findFirst().orElseThrow();
	}

	public static Optional<EventType> named(String typeName) {
		return Arrays.stream(values()).filter((type) -> type.typeName().equals(typeName)).findFirst();
	}

}
