package dev.microshop.gateway;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scraping the gateway: with {@code METRICS_PASSWORD} set, HTTP basic user
 * {@code prometheus} reads {@code /actuator/prometheus} and nothing else; unset, no basic
 * credential is accepted. An ADMIN token reads it either way.
 */
@GatewayIntegrationTest
class MetricsScrapeTests {

	private static final String PASSWORD = "scrape-secret";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void withoutAMetricsPasswordNoBasicCredentialIsAccepted() {
		for (String password : List.of("", PASSWORD, "anything")) {
			this.http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth("prometheus", password))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void anAdministratorReadsTheGatewaysMetricsWithTheApplicationTag() {
		double allowed = allowed("product-catalog");
		this.http.get().uri("/api/products").exchange().expectStatus().isOk();
		assertThat(allowed("product-catalog")).isEqualTo(allowed + 1);

		String admin = TestTokens.token("admin-1", List.of("USER", "ADMIN"));
		List<String> metrics = this.http.get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()
			.lines()
			.toList();

		assertThat(metrics).contains(
				"gateway_ratelimit_requests_total{application=\"gateway\",outcome=\"allowed\",route=\"product-catalog\"} "
						+ (allowed + 1))
			.anyMatch((line) -> line.startsWith("http_server_requests_seconds_bucket{application=\"gateway\"")
					&& line.contains("le=\"+Inf\""))
			.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{application=\"gateway\"")
					&& line.contains("state=\"closed\"") && line.endsWith(" 1.0"));
	}

	@Test
	void withAMetricsPasswordPrometheusReadsTheMetricsAndNothingElse() {
		try (ConfigurableApplicationContext gateway = Gateways.start("microshop.metrics.password=" + PASSWORD)) {
			WebTestClient http = GatewayHttp.at(Gateways.port(gateway));

			String metrics = http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth("prometheus", PASSWORD))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge")
				.contains("process_uptime_seconds{application=\"gateway\"}");

			http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth("prometheus", "wrong"))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(401);
			http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth("admin", PASSWORD))
				.exchange()
				.expectStatus()
				.isUnauthorized();
			for (String endpoint : List.of("/actuator/metrics", "/actuator/circuitbreakers", "/actuator/canary",
					"/actuator/metrics/jvm.memory.used")) {
				http.get()
					.uri(endpoint)
					.headers((headers) -> headers.setBasicAuth("prometheus", PASSWORD))
					.exchange()
					.expectStatus()
					.isUnauthorized()
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			}
			http.post()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBasicAuth("prometheus", PASSWORD))
				.exchange()
				.expectStatus()
				.isUnauthorized();

			String admin = TestTokens.token("admin-1", List.of("USER", "ADMIN"));
			http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBearerAuth(admin))
				.exchange()
				.expectStatus()
				.isOk();
			http.get()
				.uri("/actuator/prometheus")
				.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
				.exchange()
				.expectStatus()
				.isForbidden();
			http.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
		}
	}

	private double allowed(String route) {
		Counter counter = this.meters.find("gateway.ratelimit.requests")
			.tag("route", route)
			.tag("outcome", "allowed")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
