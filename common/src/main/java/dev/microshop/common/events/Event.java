package dev.microshop.common.events;

/**
 * The payload of an event: a past-tense record of something that happened to one
 * aggregate.
 */
public sealed interface Event
		permits UserRegistered, OrderPlaced, OrderConfirmed, OrderCancelled, PaymentAuthorized, PaymentDeclined {

	/**
	 * Returns the id of the aggregate the event happened to; it is the Kafka record key.
	 */
	String aggregateId();

}
