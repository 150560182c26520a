package dev.microshop.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.gateway.StubService.Received;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class DashboardTests {

	static final Duration PART_TIMEOUT = Duration.ofSeconds(GatewayIntegrationTest.PART_TIMEOUT_SECONDS);

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
		StubService.resetAll();
	}

	@AfterEach
	void releaseTheServices() {
		StubService.resetAll();
	}

	@Test
	void showsTheProfileTheFiveLatestOrdersAndTheUnreadCount() {
		String ada = user("ada");

		dashboard(ada).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (cacheControl) -> assertThat(cacheControl).contains("no-store"))
			.expectBody()
			.json("""
					{"profile": {"status": "ok", "data": {"id": "%s", "displayName": "Shopper", "roles": ["USER"]}},
					 "orders": {"status": "ok", "data": [{"id": "o-7"}, {"id": "o-6"}, {"id": "o-5"}, {"id": "o-4"}, {"id": "o-3"}]},
					 "notifications": {"status": "ok", "data": {"unread": 3}}}
					"""
				.formatted(ada))
			.jsonPath("$.orders.data.length()")
			.isEqualTo(5)
			.jsonPath("$.profile.reason")
			.doesNotExist();
	}

	@Test
	void eachPartIsAskedForAsTheCallerWhateverTheClientClaims() {
		String bea = user("bea");
		String token = TestTokens.token(bea, List.of("USER", "ADMIN"));

		this.http.get()
			.uri("/api/me/dashboard")
			.headers((headers) -> headers.setBearerAuth(token))
			.header("X-User-Id", "attacker")
			.header("X-User-Roles", "ROOT")
			.exchange()
			.expectStatus()
			.isOk();

		List<Received> parts = StubService.received()
			.stream()
			.filter((request) -> bea.equals(request.userId()))
			.toList();
		assertThat(parts).extracting(Received::path)
			.containsExactlyInAnyOrder("/api/users/me", "/api/orders", "/api/notifications/unread-count");
		assertThat(parts).allSatisfy((request) -> {
			assertThat(request.headers()).containsEntry("x-user-roles", List.of("USER,ADMIN"))
				.containsEntry("authorization", List.of("Bearer " + token));
		});
		assertThat(parts).filteredOn((request) -> request.path().equals("/api/orders"))
			.singleElement()
			.extracting(Received::query)
			.isEqualTo("size=5");
		assertThat(StubService.received()).noneMatch((request) -> "attacker".equals(request.userId()));
	}

	@Test
	void aFailingPartIsShownUnavailableAndTheOthersStillShown() {
		String cleo = user("cleo");
		StubService.of("order-service").failWith(500);

		dashboard(cleo).expectStatus().isOk().expectBody().json("""
				{"profile": {"status": "ok", "data": {"id": "%s"}},
				 "orders": {"status": "unavailable", "reason": "error"},
				 "notifications": {"status": "ok", "data": {"unread": 3}}}
				""".formatted(cleo)).jsonPath("$.orders.data").doesNotExist();
	}

	@Test
	void aSlowPartIsShownUnavailableWhenItsTimeoutIsUp() {
		String dan = user("dan");
		StubService.of("notification-service").hang();
		long started = System.nanoTime();

		dashboard(dan).expectStatus().isOk().expectBody().json("""
				{"profile": {"status": "ok"},
				 "orders": {"status": "ok"},
				 "notifications": {"status": "unavailable", "reason": "timeout"}}
				""");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(PART_TIMEOUT)
			.isLessThan(PART_TIMEOUT.plusSeconds(3))
			.isLessThan(StubService.HANG);
	}

	@Test
	void thePartsAreAskedForInParallel() {
		String eve = user("eve");
		List.of("user-service", "order-service", "notification-service")
			.forEach((serviceId) -> StubService.of(serviceId).hang());
		long started = System.nanoTime();

		dashboard(eve).expectStatus().isOk().expectBody().json("""
				{"profile": {"status": "unavailable", "reason": "timeout"},
				 "orders": {"status": "unavailable", "reason": "timeout"},
				 "notifications": {"status": "unavailable", "reason": "timeout"}}
				""");

		// One after the other, three slow parts would take three timeouts.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PART_TIMEOUT.multipliedBy(2));
	}

	@Test
	void theDashboardNeedsAToken() {
		this.http.get()
			.uri("/api/me/dashboard")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/me/dashboard")
			.headers((headers) -> headers.setBearerAuth(TestTokens.unsigned("user-1")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(StubService.received()).noneMatch((request) -> "user-1".equals(request.userId()));
	}

	private WebTestClient.ResponseSpec dashboard(String userId) {
		return this.http.get()
			.uri("/api/me/dashboard")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token(userId, List.of("USER"))))
			.exchange();
	}

	/**
	 * A fresh user id, to tell its requests from those of other tests.
	 */
	static String user(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

}
