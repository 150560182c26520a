package dev.microshop.payment.persistence;

import java.time.Instant;
import java.util.List;

import dev.microshop.common.money.Money;
import dev.microshop.common.outbox.OutboxMessage;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentStatus;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A payment as stored, with the events it has not published yet. Money is minor units and
 * a currency, never a floating-point number; the unique index on the order id is what
 * makes a second payment of one order impossible.
 */
@Document("payments")
@CompoundIndex(name = "user_created", def = "{'userId': 1, 'createdAt': -1}")
record PaymentDocument(@Id String id, @Indexed(unique = true) String orderId, String userId, long amountMinor,
		String currency, PaymentStatus status, String reason, Instant createdAt, List<OutboxMessage> outbox) {

	static PaymentDocument from(Payment payment, List<OutboxMessage> outbox) {
		return new PaymentDocument(payment.id(), payment.orderId(), payment.userId(), payment.amount().minorUnits(),
				payment.amount().currency(), payment.status(), payment.reason(), payment.createdAt(), outbox);
	}

	Payment toPayment() {
		return new Payment(this.id, this.orderId, this.userId, Money.ofMinor(this.amountMinor, this.currency),
				this.status, this.reason, this.createdAt);
	}

}
