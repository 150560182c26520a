package dev.microshop.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.microshop.gateway.StubService.Received;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault isolation through the real gateway, in front of a service a test can make fail,
 * hang or hold its calls, and that counts the calls reaching it.
 * <p>
 * Smaller numbers than the defaults keep the test short: 2 s in the open state, a 3 s
 * time limit (1 s for the event stream), two calls in flight to payment-service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
				"resilience4j.timelimiter.configs.default.timeout-duration=3s",
				"resilience4j.timelimiter.configs.notification-stream.timeout-duration=1s",
				"resilience4j.bulkhead.instances.payment-service.max-concurrent-calls=2" })
@ContextConfiguration(initializers = StubService.Initializer.class)
class FaultIsolationTests {

	/** The breaker judges once it has this many calls (the default config). */
	private static final int MINIMUM_CALLS = 5;

	/** One call and two retries (the default config). */
	private static final int ATTEMPTS = 3;

	private static final StubService service = StubService.of("payment-service");

	private static final String token = TestTokens.token("user-1", List.of("USER"));

	private static final String adminToken = TestTokens.token("admin-1", List.of("USER", "ADMIN"));

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	WebTestClient http;

	/** Runs clients side by side (the common pool may have a single thread). */
	ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
		// The stubs serve every gateway of the test run.
		StubService.resetAll();
	}

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
		StubService.resetAll();
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		// The first call through a new gateway (key set, connection pool) may take a
		// while; it must not count against the breaker under test.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/api/payments").expectStatus().isOk());
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		StubService.resetAll();
	}

	@Test
	void aFailingServiceOpensTheBreakerWhichThenAnswersAtOnceWithoutCallingIt() {
		service.failWith(500);

		for (int i = 0; i < MINIMUM_CALLS; i++) {
			// While the breaker is closed, the client gets the service's own answer.
			get("/api/payments").expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("payment-service");
		}
		assertThat(service.calls()).hasSize(MINIMUM_CALLS);

		get("/api/payments").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			// The breaker's 2 s wait in the open state.
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("payment-service is failing"))
			.jsonPath("$.service")
			.doesNotExist();
		assertThat(service.calls()).hasSize(MINIMUM_CALLS);
	}

	@Test
	void anOpenBreakerHalfOpensAfterItsWaitAndClosesWhenTheServiceHasRecovered() {
		openPaymentServiceBreaker();
		service.healthy();

		await().atMost(Duration.ofSeconds(15)).until(() -> "HALF_OPEN".equals(breakerState("payment-service")));
		for (int i = 0; i < 3; i++) {
			get("/api/payments").expectStatus().isOk();
		}

		assertThat(breakerState("payment-service")).isEqualTo("CLOSED");
		assertThat(service.calls()).hasSize(MINIMUM_CALLS + 3);
		get("/api/payments").expectStatus().isOk();
	}

	@Test
	void aServiceSlowerThanTheTimeLimitIsAnswered504() {
		service.hang();

		get("/api/payments").expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("did not answer within"));
		// A call that timed out is not repeated: the service is slow, not gone.
		assertThat(service.calls()).hasSize(1);
	}

	@Test
	void aFailingGetIsRetriedAndTheClientGetsTheLastAnswer() {
		service.failWith(503);

		get("/api/payments").expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("payment-service");

		assertThat(service.calls()).hasSize(ATTEMPTS).allMatch((call) -> call.method().equals("GET"));
	}

	@Test
	void aPostWithAnIdempotencyKeyIsRetriedWithItsBody() {
		service.failWith(503);

		send(HttpMethod.POST, "key-1").expectStatus().isEqualTo(503);

		assertThat(service.calls()).hasSize(ATTEMPTS)
			.extracting(Received::idempotencyKey, Received::body)
			.containsOnly(org.assertj.core.groups.Tuple.tuple("key-1", "{\"amount\":\"12.90\"}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE" })
	void aRequestThatIsNotSafeToRepeatIsSentOnce(String method) {
		service.failWith(503);

		send(HttpMethod.valueOf(method), null).expectStatus().isEqualTo(503);

		assertThat(service.calls()).hasSize(1);
	}

	@Test
	void aServiceFailingWith500IsNotRetried() {
		service.failWith(500);

		get("/api/payments").expectStatus().isEqualTo(500);

		assertThat(service.calls()).hasSize(1);
	}

	@Test
	void callsOverTheServicesConcurrencyLimitAreRefusedAtOnce() {
		service.hang();
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> status("/api/payments/first"),
				this.clients);
		CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> status("/api/payments/second"),
				this.clients);
		await().atMost(Duration.ofSeconds(10)).until(() -> service.inProgress() == 2);

		get("/api/payments/third").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("Too many requests to payment-service"));
		assertThat(service.calls()).extracting(Received::path)
			.containsExactlyInAnyOrder("/api/payments/first", "/api/payments/second");

		service.release();
		assertThat(first.join()).isEqualTo(200);
		assertThat(second.join()).isEqualTo(200);
		// A refusal of the gateway's own is not held against the service.
		assertThat(this.breakers.circuitBreaker("payment-service").getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void anEventStreamLongerThanItsTimeLimitIsNotCut() {
		List<ServerSentEvent<String>> events = this.http.get()
			.uri("/api/notifications/stream")
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));

		// Eight events half a second apart: longer than the stream's 1 s time limit and
		// than the 3 s of every other route.
		assertThat(events).extracting(ServerSentEvent::data)
			.containsExactly("event 1", "event 2", "event 3", "event 4", "event 5", "event 6", "event 7", "event 8");
	}

	@Test
	void theBreakersStatesAreVisibleInActuatorAndAsMetrics() {
		// The catalog's route, so its breaker exists and is closed.
		this.http.get().uri("/api/products").exchange().expectStatus().isOk();
		openPaymentServiceBreaker();

		adminGet("/actuator/circuitbreakers").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.circuitBreakers.payment-service.state")
			.isEqualTo("OPEN")
			.jsonPath("$.circuitBreakers.product-catalog.state")
			.isEqualTo("CLOSED");
		adminGet("/actuator/health").expectStatus()
			.isOk()
			.expectBody()
			// One open breaker does not take the gateway down.
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.circuitBreakers.details.payment-service.details.state")
			.isEqualTo("OPEN")
			.jsonPath("$.components.circuitBreakers.details.product-catalog.details.state")
			.isEqualTo("CLOSED");
		adminGet("/actuator/prometheus").expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics.lines())
				.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
						&& line.contains("name=\"payment-service\"") && line.contains("state=\"open\"")
						&& line.endsWith(" 1.0"))
				.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_not_permitted_calls_total{")
						&& line.contains("name=\"payment-service\""))
				.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
						&& line.contains("name=\"product-catalog\"") && line.contains("state=\"closed\"")
						&& line.endsWith(" 1.0"))
				.anyMatch((line) -> line.startsWith("resilience4j_timelimiter_calls_total{")
						&& line.contains("name=\"payment-service\""))
				.anyMatch((line) -> line.startsWith("resilience4j_bulkhead_available_concurrent_calls{")
						&& line.contains("name=\"payment-service\"")));
	}

	private void openPaymentServiceBreaker() {
		service.failWith(500);
		for (int i = 0; i < MINIMUM_CALLS; i++) {
			get("/api/payments").expectStatus().isEqualTo(500);
		}
		assertThat(breakerState("payment-service")).isEqualTo("OPEN");
	}

	private String breakerState(String name) {
		return adminGet("/actuator/circuitbreakers").expectStatus()
			.isOk()
			.expectBody(Breakers.class)
			.returnResult()
			.getResponseBody()
			.circuitBreakers()
			.get(name)
			.state();
	}

	private ResponseSpec get(String path) {
		return this.http.get().uri(path).headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

	private ResponseSpec adminGet(String path) {
		return this.http.get().uri(path).headers((headers) -> headers.setBearerAuth(adminToken)).exchange();
	}

	private ResponseSpec send(HttpMethod method, String idempotencyKey) {
		return this.http.method(method).uri("/api/payments").headers((headers) -> {
			headers.setBearerAuth(token);
			if (idempotencyKey != null) {
				headers.set("Idempotency-Key", idempotencyKey);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":\"12.90\"}").exchange();
	}

	private int status(String path) {
		return get(path).returnResult(String.class).getStatus().value();
	}

	record Breakers(Map<String, Breaker> circuitBreakers) {

	}

	record Breaker(String state) {

	}

}
