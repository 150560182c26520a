package dev.microshop.common.events;

import dev.microshop.common.money.Money;

/**
 * The payment of an order was authorized.
 *
 * @param paymentId the payment
 * @param orderId the order it pays, and the record key: the order's saga reads its
 * payment events in order
 * @param userId the user who pays
 * @param amount the amount authorized
 */
public record PaymentAuthorized(String paymentId, String orderId, String userId, Money amount) implements Event {

	@Override
	public String aggregateId() {
		return this.orderId;
	}

}
