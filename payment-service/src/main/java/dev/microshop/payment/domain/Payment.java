package dev.microshop.payment.domain;

import java.time.Instant;
import java.util.UUID;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.PaymentAuthorized;
import dev.microshop.common.events.PaymentDeclined;
import dev.microshop.common.money.Money;

/**
 * The payment of one order: there is at most one per order.
 *
 * @param id the payment id
 * @param orderId the order paid
 * @param userId the user who placed the order
 * @param amount the amount asked
 * @param status the provider's answer
 * @param reason why the payment was declined, or {@code null}
 * @param createdAt when the provider answered
 */
public record Payment(String id, String orderId, String userId, Money amount, PaymentStatus status, String reason,
		Instant createdAt) {

	/**
	 * Records the provider's decision on an order's payment.
	 */
	public static Payment decided(String orderId, String userId, Money amount, PaymentDecision decision) {
		return new Payment(UUID.randomUUID().toString(), orderId, userId, amount,
				decision.authorized() ? PaymentStatus.AUTHORIZED : PaymentStatus.DECLINED, decision.reason(),
				Instant.now());
	}

	/**
	 * Returns the event that tells the order's saga how its payment went.
	 */
	public Event outcome() {
		return switch (this.status) {
			case AUTHORIZED -> new PaymentAuthorized(this.id, this.orderId, this.userId, this.amount);
			case DECLINED -> new PaymentDeclined(this.id, this.orderId, this.userId, this.amount, this.reason);
		};
	}

}
