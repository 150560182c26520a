package dev.microshop.payment.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.microshop.payment.domain.PaymentStatus;

import org.springframework.stereotype.Component;

/**
 * The payments' business meters, registered at start-up so that they read 0 before the
 * first payment: {@code microshop.payments.authorized} and {@code .declined} count the
 * payments this instance decided, once per order whatever the redeliveries.
 */
@Component
public class PaymentMetrics {

	private final Counter authorized;

	private final Counter declined;

	public PaymentMetrics(MeterRegistry registry) {
		this.authorized = Counter.builder("microshop.payments.authorized")
			.description("Payments authorized by the payment provider")
			.register(registry);
		this.declined = Counter.builder("microshop.payments.declined")
			.description("Payments declined by the payment provider")
			.register(registry);
	}

	void decided(PaymentStatus status) {
		switch (status) {
			case AUTHORIZED -> this.authorized.increment();
			case DECLINED -> this.declined.increment();
		}
	}

}
