package dev.microshop.payment.domain;

import java.time.Instant;

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

}
