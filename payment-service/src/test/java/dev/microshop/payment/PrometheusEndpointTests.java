package dev.microshop.payment;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.PrometheusScrape;
import dev.microshop.common.testing.ServiceIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a Prometheus server scraping this service finds of the platform's metric contract:
 * the payment counters and the dead letters of order-events, from the start.
 */
@ServiceIntegrationTest
@EmbeddedBroker
class PrometheusEndpointTests {

	@LocalServerPort
	int port;

	@Test
	void thePaymentAndDeadLetterMetersAreThereBeforeAnythingHappens() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(scrape())
				.anyMatch((line) -> line
					.matches("microshop_payments_authorized_total\\{application=\"payment-service\"} \\d+\\.\\d+"))
				.anyMatch((line) -> line
					.matches("microshop_payments_declined_total\\{application=\"payment-service\"} \\d+\\.\\d+"))
				.anyMatch((line) -> line.matches(
						"microshop_deadletters_published_total\\{application=\"payment-service\",topic=\"order-events\"} \\d+\\.\\d+"))
				.as("read from the broker, not NaN")
				.anyMatch((line) -> line.matches(
						"microshop_deadletters_pending\\{application=\"payment-service\",topic=\"order-events\"} \\d+\\.\\d+")));
	}

	private List<String> scrape() {
		return PrometheusScrape.lines(this.port);
	}

}
