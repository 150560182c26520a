package dev.microshop.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

	/**
	 * Every kind of bad token an attacker or a broken client sends: none reaches a
	 * service.
	 */
	static Stream<Arguments> badTokens() {
		Instant now = Instant.now();
		String valid = TestTokens.token("user-1", List.of("USER"));
		String[] parts = valid.split("\\.");
		return Stream.of(arguments("unsigned (alg none)", TestTokens.unsigned("user-1")),
				arguments("HS256 signed with the public key", TestTokens.signedWithHmac("user-1")),
				arguments("expired beyond the clock skew",
						TestTokens.token("user-1", List.of("USER"),
								(claims) -> claims.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
									.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(20))))
									.expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))))),
				arguments("not yet valid beyond the clock skew",
						TestTokens.token("user-1", List.of("USER"),
								(claims) -> claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))))),
				arguments("without expiry",
						TestTokens.token("user-1", List.of("USER"), (claims) -> claims.expirationTime(null))),
				arguments("from another issuer",
						TestTokens.token("user-1", List.of("USER"), (claims) -> claims.issuer("someone-else"))),
				arguments("from an issuer that is a URL",
						TestTokens.token("user-1", List.of("USER"),
								(claims) -> claims.issuer("https://microshop.example/"))),
				arguments("without issuer",
						TestTokens.token("user-1", List.of("USER"), (claims) -> claims.issuer(null))),
				arguments("for another audience",
						TestTokens.token("user-1", List.of("USER"), (claims) -> claims.audience("another-api"))),
				arguments("without subject",
						TestTokens.token("user-1", List.of("USER"), (claims) -> claims.subject(null))),
				arguments("bad signature (another key, same kid)", TestTokens.signedByAnotherKey("user-1")),
				arguments("unknown kid", TestTokens.signedByUnknownKey("user-1")),
				arguments("tampered payload", TestTokens.tampered("user-1")),
				arguments("signature removed", parts[0] + "." + parts[1] + "."),
				arguments("malformed: two parts", parts[0] + "." + parts[1]),
				arguments("malformed: characters outside base64url", parts[0] + ".%%%." + parts[2]),
				arguments("malformed: truncated base64 header",
						parts[0].substring(1) + "." + parts[1] + "." + parts[2]),
				arguments("malformed: JSON garbage",
						Base64URL.encode("{\"alg\":").toString() + "." + Base64URL.encode("not json") + "." + parts[2]),
				arguments("malformed: not a JWT at all", "not-a-jwt"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void aBadTokenIsRefusedWithAProblem(String kind, String token) {
		assertRejected(token);
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
