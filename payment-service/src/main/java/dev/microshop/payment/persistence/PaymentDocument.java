package dev.microshop.payment.persistence;

import java.time.Instant;

import dev.microshop.common.money.Money;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentStatus;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A payment as stored: money as minor units and a currency, never a floating-point
 * number.
 */
@Document("payments")
@CompoundIndex(name = "user_created", def = "{'userId': 1, 'createdAt': -1}")
record PaymentDocument(@Id String id, @Indexed(unique = true) String orderId, String userId, long amountMinor,
		String currency, PaymentStatus status, String reason, Instant createdAt) {

	static PaymentDocument from(Payment payment) {
		return new PaymentDocument(payment.id(), payment.orderId(), payment.userId(), payment.amount().minorUnits(),
				payment.amount().currency(), payment.status(), payment.reason(), payment.createdAt());
	}

	Payment toPayment() {
		return new Payment(this.id, this.orderId, this.userId, Money.ofMinor(this.amountMinor, this.currency),
				this.status, this.reason, this.createdAt);
	}

}
