package dev.microshop.common.events;

import dev.microshop.common.money.Money;

/**
 * The payment of an order was declined.
 *
 * @param paymentId the payment
 * @param orderId the order it was for, and the record key
 * @param userId the user who would have paid
 * @param amount the amount asked
 * @param reason why the provider declined it
 */
public record PaymentDeclined(String paymentId, String orderId, String userId, Money amount,
		String reason) implements Event {

	@Override
	public String aggregateId() {
		return this.orderId;
	}

}
