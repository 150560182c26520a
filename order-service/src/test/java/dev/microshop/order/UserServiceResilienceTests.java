package dev.microshop.order;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placing orders while user-service fails, asks to be tried again, is slow or recovers:
 * the breaker, retry and time limit configured in application.yml, through real HTTP to a
 * real user-service stand-in that records the calls reaching it.
 * <p>
 * Shorter waits than the defaults keep the test short (see {@link UserServiceStandIn}).
 */
@ServiceIntegrationTest
@EmbeddedBroker
class UserServiceResilienceTests implements UserServiceStandIn {

	/** The breaker judges once it has this many calls (application.yml). */
	private static final int MINIMUM_CALLS = 5;

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		// The JDK's client sends each request once (Apache's repeats a request answered
		// 503).
		this.http = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.build();
		this.breakers.circuitBreaker("user-service").reset();
	}

	@AfterEach
	void closeTheBreaker() {
		// The other test classes share this application context.
		this.breakers.circuitBreaker("user-service").reset();
	}

	@Test
	void aFailingUserServiceOpensTheBreakerAndOrdersAreThenRefusedWithoutAskingIt() {
		for (int i = 0; i < MINIMUM_CALLS; i++) {
			place(user("broken")).expectStatus().isEqualTo(503);
		}
		long asked = userService.requestedIds().size();

		place(user("alice")).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("user service is unavailable"));

		assertThat(userService.requestedIds()).hasSize((int) asked);
		assertThat(breakerState()).isEqualTo("OPEN");
		this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics.lines())
				.anyMatch((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
						&& line.contains("name=\"user-service\"") && line.contains("state=\"open\"")
						&& line.endsWith(" 1.0"))
				.anyMatch((line) -> line.startsWith("resilience4j_retry_calls_total{")
						&& line.contains("name=\"user-service\""))
				.anyMatch((line) -> line.startsWith("resilience4j_bulkhead_available_concurrent_calls{")
						&& line.contains("name=\"user-service\""))
				.anyMatch((line) -> line.startsWith("resilience4j_timelimiter_calls_total{")
						&& line.contains("name=\"user-service\"")));
	}

	@Test
	void anOpenBreakerLetsTrialCallsThroughAfterItsWaitAndClosesWhenUserServiceAnswers() {
		for (int i = 0; i < MINIMUM_CALLS; i++) {
			place(user("broken")).expectStatus().isEqualTo(503);
		}
		assertThat(breakerState()).isEqualTo("OPEN");

		await().atMost(Duration.ofSeconds(15)).until(() -> "HALF_OPEN".equals(breakerState()));
		for (int i = 0; i < 3; i++) {
			place(user("alice")).expectStatus().isCreated();
		}

		assertThat(breakerState()).isEqualTo("CLOSED");
	}

	@Test
	void aUserServiceAskingToBeTriedAgainIsAskedThreeTimes() {
		String unavailable = user("unavailable");

		place(unavailable).expectStatus().isEqualTo(503);

		assertThat(userService.requestedIds()).filteredOn(unavailable::equals).hasSize(3);
	}

	@Test
	void anOrderIsPlacedWhenUserServiceRecoversWithinTheRetries() {
		String flaky = user("flaky");

		place(flaky).expectStatus().isCreated();

		assertThat(userService.requestedIds()).filteredOn(flaky::equals).hasSize(3);
	}

	@Test
	void aSlowUserServiceFailsTheOrderAtTheTimeLimitWithoutAskingAgain() {
		String slow = user("slow");

		place(slow).expectStatus().isEqualTo(503).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(userService.requestedIds()).filteredOn(slow::equals).hasSize(1);
	}

	@Test
	void unknownUsersAreAnAnswerNotAFailure() {
		for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
			place(user("unknown")).expectStatus().isForbidden();
		}

		assertThat(breakerState()).isEqualTo("CLOSED");
		assertThat(this.breakers.circuitBreaker("user-service").getMetrics().getNumberOfFailedCalls()).isZero();
		place(user("alice")).expectStatus().isCreated();
	}

	private ResponseSpec place(String userId) {
		return this.http.post()
			.uri("/api/orders")
			.header(IdentityHeaders.USER_ID, userId)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"items\": [{\"productId\": \"ceramic-mug\", \"quantity\": 1}]}")
			.exchange();
	}

	private String breakerState() {
		Map<?, ?> breakers = this.http.get()
			.uri("/actuator/circuitbreakers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) ((Map<?, ?>) ((Map<?, ?>) breakers.get("circuitBreakers")).get("user-service")).get("state");
	}

	private static String user(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

}
