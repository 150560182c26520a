package dev.microshop.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.Bucket4jRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory token buckets (no Redis) with small limits: the API gives three requests
 * per user and route and one more every 10 s (30 tokens, 10 per request, 1 a second);
 * sign-in two per client address; the catalogue two per caller, then one every 2 s.
 * Refills that slow keep each count exact however slow the build machine is.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = { "microshop.rate-limit.trusted-proxies=1",
		"microshop.rate-limit.defaults.replenish-rate=1", "microshop.rate-limit.defaults.burst-capacity=30",
		"microshop.rate-limit.defaults.requested-tokens=10", "microshop.rate-limit.routes.user-auth.replenish-rate=1",
		"microshop.rate-limit.routes.user-auth.burst-capacity=20",
		"microshop.rate-limit.routes.user-auth.requested-tokens=10",
		"microshop.rate-limit.routes.product-catalog.replenish-rate=1",
		"microshop.rate-limit.routes.product-catalog.burst-capacity=4",
		"microshop.rate-limit.routes.product-catalog.requested-tokens=2" })
class RateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aUserWhoSpendsTheBurstIsToldHowLongToWaitInAProblem() {
		double allowed = decisions("allowed");
		double rejected = decisions("rejected");
		String token = freshUserToken();
		get("/api/orders", bearer(token)).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "20")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "30")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "10")
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("order-service");
		get("/api/orders", bearer(token)).expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
		get("/api/orders", bearer(token)).expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");

		HttpHeaders refused = get("/api/orders", bearer(token)).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "30")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "10")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429)
			.jsonPath("$.title")
			.isEqualTo("Too Many Requests")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders")
			.jsonPath("$.service")
			.doesNotExist()
			.returnResult()
			.getResponseHeaders();
		// The bucket gains a token a second: Retry-After is the time to the 10 tokens a
		// request takes, from however many have come back since.
		int remaining = Integer.parseInt(refused.getFirst("X-RateLimit-Remaining"));
		assertThat(remaining).isBetween(0, 9);
		assertThat(refused.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo(Integer.toString(10 - remaining));
		assertThat(decisions("allowed")).isEqualTo(allowed + 3);
		assertThat(decisions("rejected")).isEqualTo(rejected + 1);
	}

	private double decisions(String outcome) {
		Counter counter = this.context.getBean(MeterRegistry.class)
			.find("gateway.ratelimit.requests")
			.tag("route", "order-service")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void withoutARedisUrlTheBucketsAreInThisGatewaysMemoryAndNothingConnectsToRedis() {
		assertThat(this.context.getBean(RateLimiter.class)).isInstanceOf(Bucket4jRateLimiter.class);
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void exactlyTheBurstPassesWhenRequestsComeAllAtOnce() {
		String token = freshUserToken();

		List<Integer> statuses = ConcurrentRequests.get(List.of(this.port), "/api/orders", token, 12);

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(3);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(9);
	}

	@Test
	void anotherUserIsNotLimitedByTheFirst() {
		String spender = freshUserToken();
		spendBurst("/api/orders", bearer(spender), 3);

		String other = freshUserToken();
		get("/api/orders", bearer(other)).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "20");
	}

	@Test
	void eachRouteHasItsOwnBucket() {
		String token = freshUserToken();
		spendBurst("/api/orders", bearer(token), 3);

		get("/api/payments", bearer(token)).expectStatus().isOk();
	}

	@Test
	void signingInIsLimitedPerClientAddressWhateverTheClientWritesBeforeIt() {
		String address = "203.0.113.10";
		spendBurst("/api/auth/login", forwardedFor(address), 2);

		// A token does not buy more attempts, nor does an address the client adds itself
		// in front of the one the trusted proxy appended.
		login(forwardedFor(address).andThen(bearer(freshUserToken()))).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		login(forwardedFor("198.51.100.7, " + address)).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		login(forwardedFor("203.0.113.11")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("user-service");
	}

	@Test
	void theBucketRefillsAfterTheWindow() {
		Consumer<HttpHeaders> client = forwardedFor("203.0.113.20");
		spendBurst("/api/products", client, 2);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> get("/api/products", client).returnResult(Void.class).getStatus().value() == 200);
	}

	/** Sends {@code burst} requests that pass, then one that is refused. */
	private void spendBurst(String path, Consumer<HttpHeaders> headers, int burst) {
		for (int i = 0; i < burst; i++) {
			send(path, headers).expectStatus().isOk();
		}
		send(path, headers).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	private ResponseSpec send(String path, Consumer<HttpHeaders> headers) {
		return path.startsWith("/api/auth/") ? login(headers) : get(path, headers);
	}

	private ResponseSpec get(String path, Consumer<HttpHeaders> headers) {
		return this.http.get().uri(path).headers(headers).exchange();
	}

	private ResponseSpec login(Consumer<HttpHeaders> headers) {
		return this.http.post()
			.uri("/api/auth/login")
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"a@example.com\",\"password\":\"secret-123\"}")
			.exchange();
	}

	private static Consumer<HttpHeaders> bearer(String token) {
		return (headers) -> headers.setBearerAuth(token);
	}

	private static Consumer<HttpHeaders> forwardedFor(String addresses) {
		return (headers) -> headers.set("X-Forwarded-For", addresses);
	}

	private static String freshUserToken() {
		return TestTokens.token("user-" + UUID.randomUUID(), List.of("USER"));
	}

}
