package dev.microshop.payment.client;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.microshop.common.money.Money;
import dev.microshop.payment.domain.PaymentDecision;
import dev.microshop.payment.domain.PaymentProviderUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatedPaymentProviderTests {

	private final SimulatedPaymentProvider provider = new SimulatedPaymentProvider(
			new PaymentProviderProperties(new BigDecimal("1000.00"), 0, Duration.ZERO));

	@Test
	void authorizesUpToTheLimit() {
		assertThat(this.provider.authorize("o", Money.of("1000.00", "EUR"))).isEqualTo(PaymentDecision.authorize());
	}

	@Test
	void declinesAboveTheLimitSayingWhy() {
		PaymentDecision decision = this.provider.authorize("o", Money.of("1000.01", "EUR"));
		assertThat(decision.authorized()).isFalse();
		assertThat(decision.reason()).isEqualTo("The amount 1000.01 EUR is above the payment limit of 1000.00 EUR");
	}

	@Test
	void failsAsConfiguredForLabs() {
		SimulatedPaymentProvider unreliable = new SimulatedPaymentProvider(
				new PaymentProviderProperties(null, 1, null));
		assertThatExceptionOfType(PaymentProviderUnavailableException.class)
			.isThrownBy(() -> unreliable.authorize("o", Money.of("1", "EUR")));
	}

	@Test
	void refusesAFailureRateOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PaymentProviderProperties(null, 1.5, null));
	}

}
