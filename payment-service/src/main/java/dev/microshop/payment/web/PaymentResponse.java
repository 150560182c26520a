package dev.microshop.payment.web;

import java.time.Instant;

import dev.microshop.common.money.Money;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentStatus;

record PaymentResponse(String id, String orderId, Money amount, PaymentStatus status, String reason,
		Instant createdAt) {

	static PaymentResponse from(Payment payment) {
		return new PaymentResponse(payment.id(), payment.orderId(), payment.amount(), payment.status(),
				payment.reason(), payment.createdAt());
	}

}
