package dev.microshop.gateway;

import java.time.Duration;
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
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two gateway replicas in front of one real Redis take from the same buckets: three API
 * requests per user and route (30 tokens, 10 per request, 1 a second, so that no refill
 * falls within a test).
 * <p>
 * Skipped where Debian's {@code redis-server} is not installed; {@code .ci/run} installs
 * it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisRateLimitTests {

	private static RedisServer redis;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startRedisAndTwoGateways() {
		assumeTrue(RedisServer.binary().isPresent(),
				"redis-server is not installed (apt-get install redis-server): the tests of the rate limit "
						+ "shared through Redis are skipped");
		redis = RedisServer.start(RedisServer.binary().orElseThrow());
		first = startGateway();
		second = startGateway();
	}

	private static ConfigurableApplicationContext startGateway() {
		// A Redis just started on a busy build machine can take longer than the 500 ms a
		// production gateway allows before it lets the request through.
		return Gateways.start("microshop.rate-limit.redis-url=" + redis.url(), "microshop.rate-limit.redis-timeout=5s",
				"microshop.rate-limit.defaults.replenish-rate=1", "microshop.rate-limit.defaults.burst-capacity=30",
				"microshop.rate-limit.defaults.requested-tokens=10");
	}

	@AfterAll
	static void stopAll() {
		for (AutoCloseable started : new AutoCloseable[] { first, second, redis }) {
			try {
				if (started != null) {
					started.close();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void twoGatewaysShareOneLimit() {
		String token = freshUserToken();
		get(first, token).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "20")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "30")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "10");
		get(second, token).expectStatus().isOk();
		get(first, token).expectStatus().isOk();

		for (ConfigurableApplicationContext gateway : List.of(first, second)) {
			get(gateway, token).expectStatus()
				.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER)
				.expectHeader()
				.valueEquals("X-RateLimit-Burst-Capacity", "30")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(429);
		}
		// Another user still has a full bucket on both.
		get(second, freshUserToken()).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "20");
	}

	@Test
	void exactlyTheBurstPassesWhenRequestsComeAllAtOnceToBothGateways() {
		List<Integer> statuses = ConcurrentRequests.get(List.of(Gateways.port(first), Gateways.port(second)),
				"/api/orders", freshUserToken(), 12);

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(3);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(9);
	}

	@Test
	void whileRedisIsDownRequestsGoThroughAndEachFailedCheckIsCounted(CapturedOutput output) {
		awaitLimitApplies();
		double errorsBefore = backendErrors(first);
		redis.stop();
		try {
			String token = freshUserToken();
			// More than the burst of three: no limit applies while Redis is down.
			for (int i = 0; i < 5; i++) {
				get(first, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
			}
			assertThat(backendErrors(first) - errorsBefore).isEqualTo(5);
			assertThat(output).contains("Redis does not answer the rate limiter");
		}
		finally {
			redis.restart();
		}

		awaitLimitApplies();
		assertThat(output).contains("Redis answers the rate limiter again");
	}

	/** Waits until the first gateway has Redis's answers, not a failure's {@code -1}. */
	private static void awaitLimitApplies() {
		String token = freshUserToken();
		await("the first gateway has Redis's answers").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !"-1".equals(
					get(first, token).returnResult(Void.class).getResponseHeaders().getFirst("X-RateLimit-Remaining")));
	}

	private static double backendErrors(ConfigurableApplicationContext gateway) {
		return gateway.getBean(MeterRegistry.class)
			.get("gateway.ratelimit.backend.errors")
			.tag("outcome", "allowed")
			.counter()
			.count();
	}

	private static ResponseSpec get(ConfigurableApplicationContext gateway, String token) {
		WebTestClient http = GatewayHttp.at(Gateways.port(gateway));
		return http.get().uri("/api/orders").headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

	private static String freshUserToken() {
		return TestTokens.token("user-" + UUID.randomUUID(), List.of("USER"));
	}

}
