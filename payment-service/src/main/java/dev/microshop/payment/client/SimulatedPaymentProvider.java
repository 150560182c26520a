package dev.microshop.payment.client;

import java.util.concurrent.ThreadLocalRandom;

import dev.microshop.common.money.Money;
import dev.microshop.payment.domain.PaymentDecision;
import dev.microshop.payment.domain.PaymentProvider;
import dev.microshop.payment.domain.PaymentProviderUnavailableException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Stands in for a real payment provider: declines amounts above a limit, and for labs can
 * be made slow or unreliable.
 */
@Component
@EnableConfigurationProperties(PaymentProviderProperties.class)
class SimulatedPaymentProvider implements PaymentProvider {

	private final PaymentProviderProperties properties;

	SimulatedPaymentProvider(PaymentProviderProperties properties) {
		this.properties = properties;
	}

	@Override
	public PaymentDecision authorize(String orderId, Money amount) {
		if (!this.properties.latency().isZero()) {
			try {
				Thread.sleep(this.properties.latency());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PaymentProviderUnavailableException("Interrupted while waiting for the provider");
			}
		}
		if (ThreadLocalRandom.current().nextDouble() < this.properties.failureRate()) {
			throw new PaymentProviderUnavailableException("The payment provider did not answer (simulated failure)");
		}
		if (amount.amount().compareTo(this.properties.limit()) > 0) {
			return PaymentDecision.decline("The amount " + amount.amount() + " " + amount.currency()
					+ " is above the payment limit of " + this.properties.limit() + " " + amount.currency());
		}
		return PaymentDecision.authorize();
	}

}
