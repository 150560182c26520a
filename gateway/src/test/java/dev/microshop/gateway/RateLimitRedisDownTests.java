package dev.microshop.gateway;

import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateways whose Redis cannot be reached (nothing listens on its port): by default they
 * fail open, configured with {@code on-redis-error=deny} they fail closed. Three API
 * requests per user and route when Redis answers. Needs no redis-server.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitRedisDownTests {

	private static ConfigurableApplicationContext failingOpen;

	private static ConfigurableApplicationContext failingClosed;

	@BeforeAll
	static void startGatewaysWithoutTheirRedis() {
		String redisUrl = "microshop.rate-limit.redis-url=redis://127.0.0.1:" + RedisServer.freePort();
		String[] limits = { "microshop.rate-limit.defaults.replenish-rate=1",
				"microshop.rate-limit.defaults.burst-capacity=30",
				"microshop.rate-limit.defaults.requested-tokens=10" };
		failingOpen = Gateways.start(concat(limits, redisUrl));
		failingClosed = Gateways.start(concat(limits, redisUrl, "microshop.rate-limit.on-redis-error=deny"));
	}

	@AfterAll
	static void stopGateways() {
		if (failingOpen != null) {
			failingOpen.close();
		}
		if (failingClosed != null) {
			failingClosed.close();
		}
	}

	@Test
	void byDefaultRequestsGoThroughWithAWarningAndEachFailedCheckIsCounted(CapturedOutput output) {
		double before = backendErrors(failingOpen, "allowed");
		String token = freshUserToken();

		// More than the burst of three.
		for (int i = 0; i < 5; i++) {
			get(failingOpen, token).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Remaining", "-1")
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("order-service");
		}

		assertThat(backendErrors(failingOpen, "allowed") - before).isEqualTo(5);
		assertThat(output).contains("Redis does not answer the rate limiter").contains("requests are let through");
	}

	@Test
	void configuredToFailClosedTheGatewayAnswersServiceUnavailable() {
		double before = backendErrors(failingClosed, "denied");

		get(failingClosed, freshUserToken()).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.detail")
			.isEqualTo("The rate limit cannot be checked at the moment; try again shortly.")
			.jsonPath("$.service")
			.doesNotExist();

		assertThat(backendErrors(failingClosed, "denied") - before).isEqualTo(1);
	}

	private static double backendErrors(ConfigurableApplicationContext gateway, String outcome) {
		return gateway.getBean(MeterRegistry.class)
			.get("gateway.ratelimit.backend.errors")
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private static ResponseSpec get(ConfigurableApplicationContext gateway, String token) {
		return GatewayHttp.at(Gateways.port(gateway))
			.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

	private static String freshUserToken() {
		return TestTokens.token("user-" + UUID.randomUUID(), List.of("USER"));
	}

	private static String[] concat(String[] properties, String... more) {
		String[] all = new String[properties.length + more.length];
		System.arraycopy(properties, 0, all, 0, properties.length);
		System.arraycopy(more, 0, all, properties.length, more.length);
		return all;
	}

}
