package dev.microshop.gateway;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service v1 and v2 side by side, without configured weights: administrators move
 * the traffic through {@code /actuator/canary} while the gateway runs.
 */
@GatewayIntegrationTest
class CanaryEndpointTests {

	private static final String ADMIN = TestTokens.token("admin-1", List.of("USER", "ADMIN"));

	private static final String USER = TestTokens.token("user-1", List.of("USER"));

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
		removeTheWeights();
	}

	/**
	 * The gateway serves other tests too: they find all traffic on the stable version.
	 */
	@AfterEach
	void removeTheWeights() {
		this.http.delete()
			.uri("/actuator/canary/order-service")
			.headers((headers) -> headers.setBearerAuth(ADMIN))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void withoutWeightsEveryoneStaysOnTheStableVersion() {
		assertThat(versionsServingUsers()).containsExactly("v1");
	}

	@Test
	void switchingTheWeightsMovesEveryUserWithoutRestart() {
		setWeights("v1=0,v2=100").expectStatus().isOk().expectBody().jsonPath("$.traffic.v2").isEqualTo(100.0);
		assertThat(versionsServingUsers()).containsExactly("v2");

		setWeights("v1=100,v2=0").expectStatus().isOk();
		assertThat(versionsServingUsers()).containsExactly("v1");
	}

	@Test
	void theShareOfAVersionWithoutInstanceGoesToTheVersionsThatRun() {
		setWeights("v1=50,v3=50").expectStatus().isOk().expectBody().jsonPath("$.traffic.v1").isEqualTo(100.0);
		assertThat(versionsServingUsers()).containsExactly("v1");
	}

	@Test
	void whenNoWeightedVersionRunsEveryInstanceServes() {
		setWeights("v3=100").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.weights.v3")
			.isEqualTo(100)
			.jsonPath("$.traffic.v1")
			.isEqualTo(50.0);
		assertThat(versionsServingUsers()).containsExactlyInAnyOrder("v1", "v2");
	}

	@Test
	void theWeightsAndInstancesOfEveryServiceAreListed() {
		setWeights("v1=90,v2=10").expectStatus().isOk();

		this.http.get()
			.uri("/actuator/canary")
			.headers((headers) -> headers.setBearerAuth(ADMIN))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.defaultVersion")
			.isEqualTo("v1")
			.jsonPath("$.services['order-service'].weights.v2")
			.isEqualTo(10)
			.jsonPath("$.services['order-service'].instances.v2")
			.isEqualTo(1)
			.jsonPath("$.services['payment-service'].traffic.v1")
			.isEqualTo(100.0);
	}

	@Test
	void administratorsCanAskForAVersionThatGetsNoTraffic() {
		setWeights("v1=100,v2=0").expectStatus().isOk();
		HttpHeaders askForV2 = new HttpHeaders();
		askForV2.set("X-Canary-Version", "v2");

		assertThat(CanaryTrafficSplitTests.versionServing(this.http, ADMIN, askForV2)).isEqualTo("v2");
		assertThat(CanaryTrafficSplitTests.versionServing(this.http, USER, askForV2)).isEqualTo("v1");
	}

	@Test
	void onlyAdministratorsSeeOrChangeTheWeights() {
		this.http.get()
			.uri("/actuator/canary")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/actuator/canary/order-service")
			.headers((headers) -> headers.setBearerAuth(USER))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/actuator/canary/order-service")
			.headers((headers) -> headers.setBearerAuth(USER))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"weights\":\"v1=0,v2=100\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.post()
			.uri("/actuator/canary/order-service")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"weights\":\"v1=0,v2=100\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(versionsServingUsers()).containsExactly("v1");
	}

	@Test
	void invalidWeightsAreRefusedWithAProblem() {
		setWeights("v1=100,v2=-10").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("v2"));
		setWeights("v1=0,v2=0").expectStatus().isBadRequest();
		setWeights("v1=0.5,v2=99.5").expectStatus().isBadRequest();
		setWeights("v1=100;v2=0").expectStatus().isBadRequest();
		postWeights("{\"weights\":{\"v1\":0,\"v2\":100}}").expectStatus().isBadRequest();
		postWeights("{}").expectStatus().isBadRequest();

		assertThat(versionsServingUsers()).containsExactly("v1");
	}

	private WebTestClient.ResponseSpec setWeights(String weights) {
		return postWeights("{\"weights\":\"" + weights + "\"}");
	}

	private WebTestClient.ResponseSpec postWeights(String body) {
		return this.http.post()
			.uri("/actuator/canary/order-service")
			.headers((headers) -> headers.setBearerAuth(ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** The versions that served one request of each of 30 users. */
	private Set<String> versionsServingUsers() {
		return IntStream.range(0, 30)
			.mapToObj((i) -> CanaryTrafficSplitTests.versionServing(this.http,
					TestTokens.token("user-" + i, List.of("USER"))))
			.collect(Collectors.toSet());
	}

}
