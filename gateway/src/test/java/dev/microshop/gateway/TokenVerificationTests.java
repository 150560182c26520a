package dev.microshop.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class TokenVerificationTests {

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void withoutATokenTheCallerIsAskedForOneInAProblem() {
		this.http.get()
			.uri("/api/orders")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders");
	}

	@Test
	void aValidTokenIsLetThrough() {
		this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("order-service");
	}

	@Test
	void garbageIsRejectedAsAnInvalidToken() {
		assertRejected("not-a-jwt");
	}

	@Test
	void anExpiredTokenIsRejected() {
		assertRejected(TestTokens.token("user-1", List.of("USER"),
				(claims) -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
					.notBeforeTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
					.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))));
	}

	@Test
	void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
		String token = TestTokens.token("user-1", List.of("USER"),
				(claims) -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(15))))
					.notBeforeTime(Date.from(Instant.now().minus(Duration.ofMinutes(15))))
					.expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(5)))));
		this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aTokenWithoutExpiryIsRejected() {
		assertRejected(TestTokens.token("user-1", List.of("USER"), (claims) -> claims.expirationTime(null)));
	}

	@Test
	void aTokenFromAnotherIssuerIsRejected() {
		assertRejected(TestTokens.token("user-1", List.of("USER"), (claims) -> claims.issuer("someone-else")));
	}

	@Test
	void aTokenForAnotherAudienceIsRejected() {
		assertRejected(TestTokens.token("user-1", List.of("USER"), (claims) -> claims.audience("another-api")));
	}

	@Test
	void aTokenWithoutSubjectIsRejected() {
		assertRejected(TestTokens.token("user-1", List.of("USER"), (claims) -> claims.subject(null)));
	}

	@Test
	void anUnsignedTokenIsRejected() {
		assertRejected(TestTokens.unsigned("user-1"));
	}

	@Test
	void aTokenSignedWithHmacIsRejected() {
		assertRejected(TestTokens.signedWithHmac("user-1"));
	}

	@Test
	void aTokenSignedWithAnUnpublishedKeyIsRejected() {
		assertRejected(TestTokens.signedByAnotherKey("user-1"));
	}

	private void assertRejected(String token) {
		this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

}
