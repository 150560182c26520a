package dev.microshop.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service v1 and v2 side by side, split 90/10 by configuration.
 */
@GatewayIntegrationTest
@TestPropertySource(
		properties = { "microshop.canary.weights.order-service.v1=90", "microshop.canary.weights.order-service.v2=10" })
class CanaryTrafficSplitTests {

	@LocalServerPort
	int port;

	@Autowired
	LoadBalancerClientFactory loadBalancers;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aboutOneUserInTenReachesTheCanary() {
		// Users are placed by a hash of their id, which acts as a fair coin per user: the
		// number on v2 is binomial, n = 1000, p = 0.1, standard deviation 9.5 users. The
		// bound of 3 points (30 users, 3.2 standard deviations) is missed by a fair split
		// once in 700 draws; a seeded draw of user ids keeps the run repeatable.
		Random random = new Random(20260704);
		Map<String, Integer> usersPerVersion = new HashMap<>();
		IntStream.range(0, 1000)
			.mapToObj((i) -> new UUID(random.nextLong(), random.nextLong()).toString())
			.forEach((user) -> usersPerVersion.merge(versionServing(this.http, TestTokens.token(user, List.of("USER"))),
					1, Integer::sum));

		assertThat(usersPerVersion.keySet()).containsExactlyInAnyOrder("v1", "v2");
		assertThat(usersPerVersion.get("v2")).isBetween(70, 130);
	}

	@Test
	void eachUserStaysOnOneVersion() {
		// Unpinned, a user would meet v2 in 20 requests at 90/10 with probability 88 %,
		// one of 10 users with probability 1 - 0.12^10.
		Map<String, Set<String>> versionsPerUser = IntStream.range(0, 10)
			.mapToObj((i) -> "pinned-user-" + i)
			.collect(Collectors.toMap((user) -> user, (user) -> {
				String token = TestTokens.token(user, List.of("USER"));
				return IntStream.range(0, 20)
					.mapToObj((request) -> versionServing(this.http, token))
					.collect(Collectors.toSet());
			}));

		assertThat(versionsPerUser.values()).allSatisfy((versions) -> assertThat(versions).hasSize(1));
	}

	@Test
	void administratorsSeeTheConfiguredSplit() {
		this.http.get()
			.uri("/actuator/canary/order-service")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("admin-1", List.of("USER", "ADMIN"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.weights.v1")
			.isEqualTo(90)
			.jsonPath("$.weights.v2")
			.isEqualTo(10)
			.jsonPath("$.instances.v1")
			.isEqualTo(1)
			.jsonPath("$.instances.v2")
			.isEqualTo(1)
			.jsonPath("$.traffic.v2")
			.isEqualTo(10.0);
	}

	@Test
	void routedRequestsAreCountedPerVersion() {
		String token = TestTokens.token("counted-user", List.of("USER"));
		String version = versionServing(this.http, token);
		// The metrics are for administrators; the routed requests are the user's.
		String admin = TestTokens.token("operator", List.of("USER", "ADMIN"));
		double before = routedCount(version, admin);

		IntStream.range(0, 5).forEach((i) -> versionServing(this.http, token));

		assertThat(routedCount(version, admin)).isEqualTo(before + 5);
	}

	@Test
	void theVersionIsChosenAfterTheCachedInstanceList() {
		ServiceInstanceListSupplier supplier = this.loadBalancers.getInstance(StubService.CANARY_SERVICE_ID,
				ServiceInstanceListSupplier.class);

		assertThat(supplier.getClass().getSimpleName()).isEqualTo("CanaryServiceInstanceListSupplier");
		assertThat(((DelegatingServiceInstanceListSupplier) supplier).getDelegate())
			.isInstanceOf(CachingServiceInstanceListSupplier.class);
	}

	private double routedCount(String version, String token) {
		return this.http.get()
			.uri((uri) -> uri.path("/actuator/metrics/gateway.canary.requests")
				.queryParam("tag", "service:order-service", "version:" + version)
				.build())
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(MetricResponse.class)
			.returnResult()
			.getResponseBody()
			.measurements()
			.getFirst()
			.value();
	}

	/**
	 * Which version of order-service answered the caller's request through the gateway,
	 * checking the gateway says the same in {@code X-Served-Version}.
	 */
	static String versionServing(WebTestClient http, String token, HttpHeaders extraHeaders) {
		EntityExchangeResult<Served> result = http.get().uri("/api/orders").headers((headers) -> {
			headers.setBearerAuth(token);
			headers.addAll(extraHeaders);
		}).exchange().expectStatus().isOk().expectBody(Served.class).returnResult();
		Served served = result.getResponseBody();
		assertThat(served).isNotNull();
		assertThat(served.service()).isEqualTo(StubService.CANARY_SERVICE_ID);
		assertThat(result.getResponseHeaders().getFirst("X-Served-Version")).isEqualTo(served.version());
		return served.version();
	}

	static String versionServing(WebTestClient http, String token) {
		return versionServing(http, token, new HttpHeaders());
	}

	/** What a version of order-service answers (among what reached it). */
	record Served(String service, String version) {
	}

	record MetricResponse(List<Measurement> measurements) {

		record Measurement(String statistic, double value) {
		}

	}

}
