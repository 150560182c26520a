package dev.microshop.gateway;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
class IdentityRelayTests {

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void theServiceLearnsWhoIsCallingFromTheToken() {
		this.http.get()
			.uri("/api/payments?orderId=o-1")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-42", List.of("USER", "ADMIN"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("payment-service")
			.jsonPath("$.query")
			.isEqualTo("orderId=o-1")
			.jsonPath("$.headers['x-user-id']")
			.isEqualTo(List.of("user-42"))
			.jsonPath("$.headers['x-user-roles']")
			.isEqualTo(List.of("USER,ADMIN"));
	}

	@Test
	void aClientCannotClaimAnotherIdentityNextToItsToken() {
		this.http.get()
			.uri("/api/users/me")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-7", List.of("USER"))))
			.header("X-User-Id", "attacker")
			.header("x-user-roles", "ADMIN")
			.header("X-USER-EMAIL", "admin@example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.headers['x-user-id']")
			.isEqualTo(List.of("user-7"))
			.jsonPath("$.headers['x-user-roles']")
			.isEqualTo(List.of("USER"))
			.jsonPath("$.headers['x-user-email']")
			.doesNotExist();
	}

	@Test
	void aClientCannotClaimAnIdentityWithoutAToken() {
		this.http.get()
			.uri("/api/products")
			.header("X-User-Id", "attacker")
			.header("x-user-roles", "ADMIN")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("order-service")
			.jsonPath("$.headers['x-user-id']")
			.doesNotExist()
			.jsonPath("$.headers['x-user-roles']")
			.doesNotExist();
	}

	@Test
	void theTokenItselfIsForwarded() {
		String token = TestTokens.token("user-7", List.of("USER"));
		this.http.get()
			.uri("/api/notifications")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("notification-service")
			.jsonPath("$.headers['authorization']")
			.isEqualTo(List.of("Bearer " + token));
	}

}
