package dev.microshop.gateway;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class SecurityHeadersTests {

	private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aServicesAnswerCarriesTheSecurityHeaders() {
		ResponseSpec response = this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.exchange()
			.expectStatus()
			.isOk();
		assertSecurityHeaders(response);
		// The service said nothing about caching: a private answer is never stored.
		response.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (cacheControl) -> assertThat(cacheControl).contains("no-store"));
	}

	@Test
	void anUnauthorizedAnswerCarriesTheSecurityHeaders() {
		assertSecurityHeaders(this.http.get().uri("/api/orders").exchange().expectStatus().isUnauthorized());
	}

	@Test
	void aNotFoundAnswerCarriesTheSecurityHeaders() {
		assertSecurityHeaders(this.http.get().uri("/internal/users/1").exchange().expectStatus().isNotFound());
	}

	@Test
	void aServicesOwnCacheControlReachesTheClient() {
		this.http.get()
			.uri("/api/products/p-" + UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			// The gateway's product cache lowers max-age by the age of its copy.
			.value(HttpHeaders.CACHE_CONTROL,
					(cacheControl) -> assertThat(cacheControl).startsWith("public")
						.contains("max-age=")
						.doesNotContain("no-store", "no-cache", "private"))
			.expectHeader()
			.doesNotExist(HttpHeaders.PRAGMA)
			.expectHeader()
			.doesNotExist(HttpHeaders.EXPIRES);
	}

	@Test
	void swaggerUiMayLoadItsOwnScriptsAndStyles() {
		this.http.get()
			.uri("/webjars/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).contains("default-src 'self'")
						.contains("style-src 'self' 'unsafe-inline'")
						.contains("frame-ancestors 'none'")
						.doesNotContain("unsafe-eval"))
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
	}

	private static void assertSecurityHeaders(ResponseSpec response) {
		response.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.valueEquals("Content-Security-Policy", API_POLICY)
			// Plain HTTP here: HSTS is only sent over HTTPS.
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

}
