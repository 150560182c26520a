package dev.microshop.order;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.PrometheusScrape;
import dev.microshop.common.testing.ServiceIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a Prometheus server scraping this service finds: the platform's metric contract
 * (docs in the platform's brief), every series tagged with the service's name.
 */
@ServiceIntegrationTest
@EmbeddedBroker
class PrometheusEndpointTests implements UserServiceStandIn {

	private static final String APPLICATION = "application=\"order-service\"";

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void httpJvmMongoAndBreakerMetersAreExposed() {
		this.http.get().uri("/api/products").exchange().expectStatus().isOk();

		List<String> metrics = scrape();

		assertThat(value(metrics, "http_server_requests_seconds_bucket", "uri=\"/api/products\"", "method=\"GET\"",
				"status=\"200\"", "outcome=\"SUCCESS\"", "le=\"+Inf\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
		assertThat(value(metrics, "jvm_threads_live_threads")).isPositive();
		assertThat(value(metrics, "process_uptime_seconds")).isPositive();
		assertThat(value(metrics, "process_cpu_usage")).isNotNegative();
		assertThat(value(metrics, "system_cpu_usage")).isNotNegative();
		// The catalog is seeded at start-up: commands were sent.
		assertThat(value(metrics, "mongodb_driver_commands_seconds_count", "collection=\"products\"",
				"command=\"update\""))
			.isPositive();
		assertThat(value(metrics, "mongodb_driver_pool_size")).isPositive();
		assertThat(metrics)
			.filteredOn((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
					&& line.contains("name=\"user-service\"") && line.endsWith(" 1.0"))
			.as("one current state")
			.hasSize(1);
		assertThat(metrics).anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_calls_seconds_count{")
				&& line.contains("name=\"user-service\""));
	}

	@Test
	void theBusinessAndDeadLetterMetersAreThereBeforeAnythingHappens() {
		List<String> metrics = scrape();

		for (String counter : List.of("microshop_orders_placed_total", "microshop_orders_confirmed_total",
				"microshop_orders_cancelled_total")) {
			assertThat(value(metrics, counter)).as(counter).isNotNegative();
		}
		for (String outcome : List.of("confirmed", "cancelled")) {
			String tag = "outcome=\"" + outcome + "\"";
			assertThat(value(metrics, "microshop_saga_duration_seconds_count", tag)).isNotNegative();
			assertThat(metrics)
				.filteredOn((line) -> line.startsWith("microshop_saga_duration_seconds_bucket{") && line.contains(tag))
				.as("a histogram for the p99")
				.hasSizeGreaterThan(10);
		}
		assertThat(value(metrics, "microshop_deadletters_published_total", "topic=\"payment-events\"")).isNotNegative();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(value(scrape(), "microshop_deadletters_pending", "topic=\"payment-events\""))
						.as("read from the broker")
						.isNotNaN()
						.isNotNegative());
	}

	private List<String> scrape() {
		return PrometheusScrape.lines(this.port);
	}

	/**
	 * Returns the sum of the series of the metric with the service's application tag and
	 * the given labels, of which there is at least one.
	 */
	private static double value(List<String> metrics, String name, String... labels) {
		List<String> series = metrics.stream()
			.filter((line) -> line.startsWith(name + "{") && line.contains(APPLICATION))
			.filter((line) -> List.of(labels).stream().allMatch(line::contains))
			.toList();
		assertThat(series).as(name + " " + List.of(labels)).isNotEmpty();
		return series.stream()
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
