package dev.microshop.payment.application;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.events.OrderPlaced;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentDecision;
import dev.microshop.payment.domain.PaymentProvider;
import dev.microshop.payment.domain.PaymentRepository;

import org.springframework.stereotype.Service;

/**
 * Pays for a placed order, once, whatever the redeliveries of its event.
 */
@Service
public class AuthorizePayment {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizePayment.class);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final PaymentMetrics metrics;

	AuthorizePayment(PaymentRepository payments, PaymentProvider provider, PaymentMetrics metrics) {
		this.payments = payments;
		this.provider = provider;
		this.metrics = metrics;
	}

	public void on(OrderPlaced event) {
		// No look-up first: a redelivery asks the provider again, which charges once (the
		// order id is its idempotency key), and the unique index on the order id stores
		// one payment and publishes one outcome. Redeliveries are rare; the look-up cost
		// every order a query.
		PaymentDecision decision = this.provider.authorize(event.orderId(), event.total());
		Payment payment = Payment.decided(event.orderId(), event.userId(), event.total(), decision);
		if (this.payments.add(payment, List.of(payment.outcome()))) {
			logger.info("Payment of order {} {}", event.orderId(), payment.status());
			this.metrics.decided(payment.status());
		}
		else {
			logger.debug("Order {} already has a payment: redelivery ignored", event.orderId());
		}
	}

}
