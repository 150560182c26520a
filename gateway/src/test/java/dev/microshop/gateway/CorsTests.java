package dev.microshop.gateway;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class CorsTests {

	private static final String OTHER_ORIGIN = "https://evil.example";

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void anAllowedOriginsPreflightIsAnsweredWithoutAToken() {
		this.http.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, GatewayIntegrationTest.ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, GatewayIntegrationTest.ALLOWED_ORIGIN)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
	}

	@Test
	void anAllowedOriginReadsTheAnswerAndItsRequestId() {
		this.http.get()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, GatewayIntegrationTest.ALLOWED_ORIGIN)
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, GatewayIntegrationTest.ALLOWED_ORIGIN)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("X-Request-Id", "Location"))
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/api/orders");
	}

	@Test
	void anotherOriginsPreflightIsRefused() {
		this.http.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, OTHER_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anotherOriginsRequestNeverReachesAService() {
		String attempt = UUID.randomUUID().toString();
		this.http.get()
			.uri("/api/products?attempt=" + attempt)
			.header(HttpHeaders.ORIGIN, OTHER_ORIGIN)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
		assertThat(StubService.received()).noneMatch((request) -> request.uri().contains(attempt));
	}

	@Test
	void requestsWithoutAnOriginAreNotCrossOrigin() {
		this.http.get()
			.uri("/api/products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
