package dev.microshop.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class RoutingTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aRegistryFetchDoesNotRebuildTheRoutes() {
		AtomicInteger refreshes = new AtomicInteger();
		this.context.addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof RefreshRoutesEvent) {
				refreshes.incrementAndGet();
			}
		});

		// What the discovery client publishes after each fetch of the registry, every
		// two seconds, each time with a new value; listeners run as it is published.
		this.context.publishEvent(new HeartbeatEvent(this, "fetch 1"));
		this.context.publishEvent(new HeartbeatEvent(this, "fetch 2"));

		assertThat(refreshes).hasValue(0);
	}

	@Test
	void anonymousUsersCanRegisterSignInAndBrowseProducts() {
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"a@example.com\",\"password\":\"secret-123\",\"displayName\":\"A\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("user-service")
			.jsonPath("$.method")
			.isEqualTo("POST")
			.jsonPath("$.path")
			.isEqualTo("/api/auth/register");

		this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"a@example.com\",\"password\":\"secret-123\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("user-service");

		this.http.get()
			.uri("/api/products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("order-service")
			.jsonPath("$.path")
			.isEqualTo("/api/products");

		this.http.get()
			.uri("/api/products/p-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/api/products/p-1");
	}

	@Test
	void changingProductsIsNotPublic() {
		this.http.post()
			.uri("/api/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void eachApiReachesItsService() {
		String token = TestTokens.token("user-1", List.of("USER"));
		assertRoute("/api/users/me", token, "user-service");
		assertRoute("/api/orders/o-1", token, "order-service");
		assertRoute("/api/payments", token, "payment-service");
		assertRoute("/api/notifications", token, "notification-service");
	}

	@Test
	void theSigningKeysArePublic() {
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keys[0].kid")
			.isEqualTo(TestTokens.signingKey().getKeyID())
			.jsonPath("$.keys[0].d")
			.doesNotExist();
	}

	@Test
	void internalEndpointsAreNeverRouted() {
		this.http.get()
			.uri("/internal/users/1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		this.http.get()
			.uri("/internal/users/1")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER", "ADMIN"))))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.service")
			.doesNotExist();
	}

	@Test
	void eachServicesApiDocumentIsServedAtTheGateway() {
		for (String serviceId : StubService.SERVICE_IDS) {
			this.http.get()
				.uri("/api/docs/" + serviceId)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo(serviceId)
				.jsonPath("$.path")
				.isEqualTo("/v3/api-docs");
		}
	}

	@Test
	void swaggerUiListsTheFourServices() {
		this.http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		this.http.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value((urls) -> assertThat(urls).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder("/api/docs/user-service", "/api/docs/order-service",
						"/api/docs/payment-service", "/api/docs/notification-service"));
	}

	@Test
	void reportsReadinessWithoutAToken() {
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void theGatewaysOwnEndpointsAreForAdministrators() {
		String user = TestTokens.token("user-1", List.of("USER"));
		String admin = TestTokens.token("admin-1", List.of("USER", "ADMIN"));
		for (String endpoint : List.of("/actuator/prometheus", "/actuator/circuitbreakers", "/actuator/metrics")) {
			this.http.get().uri(endpoint).exchange().expectStatus().isUnauthorized();
			this.http.get()
				.uri(endpoint)
				.headers((headers) -> headers.setBearerAuth(user))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			this.http.get()
				.uri(endpoint)
				.headers((headers) -> headers.setBearerAuth(admin))
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	private void assertRoute(String path, String token, String serviceId) {
		this.http.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo(serviceId)
			.jsonPath("$.path")
			.isEqualTo(path);
	}

}
