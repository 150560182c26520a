package dev.microshop.payment.client;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the simulated payment provider behaves.
 *
 * @param limit amounts above it are declined (default 1000.00)
 * @param failureRate the share of calls, from 0 to 1, that fail as if the provider were
 * down, for labs (default 0)
 * @param latency how long each call takes, for labs (default 0)
 */
@ConfigurationProperties("microshop.payment.provider")
record PaymentProviderProperties(BigDecimal limit, double failureRate, Duration latency) {

	PaymentProviderProperties {
		limit = (limit != null) ? limit : new BigDecimal("1000.00");
		latency = (latency != null) ? latency : Duration.ZERO;
		if (failureRate < 0 || failureRate > 1) {
			throw new IllegalArgumentException("failure-rate must be between 0 and 1, not " + failureRate);
		}
	}

}
