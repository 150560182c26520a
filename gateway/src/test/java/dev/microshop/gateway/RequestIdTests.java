package dev.microshop.gateway;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class RequestIdTests {

	private static final String REQUEST_ID = "X-Request-Id";

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aRequestWithoutIdGetsOneThatTheServiceSeesToo() {
		assertAFreshIdReachesTheServiceAndComesBack(null);
	}

	@Test
	void aClientsValidIdIsKept() {
		String id = "checkout-42.retry:1_" + UUID.randomUUID();
		this.http.get()
			.uri("/api/orders")
			.header(REQUEST_ID, id)
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(REQUEST_ID, id)
			.expectBody()
			.jsonPath("$.headers['x-request-id']")
			.isEqualTo(List.of(id));
	}

	@ParameterizedTest
	@ValueSource(strings = { "two words", "<script>alert(1)</script>", "id\u00e9",
			"a-very-long-id-0123456789-0123456789-0123456789-0123456789-0123456789", "" })
	void aClientsInvalidIdIsReplaced(String invalid) {
		assertAFreshIdReachesTheServiceAndComesBack(invalid);
	}

	@Test
	void twoIdsAreReplacedByOne() {
		this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.header(REQUEST_ID, "first-id", "second-id")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(REQUEST_ID, (id) -> assertThat(UUID.fromString(id)).hasToString(id))
			.expectBody()
			.jsonPath("$.headers['x-request-id'].length()")
			.isEqualTo(1);
	}

	@Test
	void theGatewaysOwnErrorsCarryTheId() {
		this.http.get()
			.uri("/api/orders")
			.header(REQUEST_ID, "unauthorized-1")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(REQUEST_ID, "unauthorized-1");
		this.http.get()
			.uri("/internal/users/1")
			.header(REQUEST_ID, "not-found-1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(REQUEST_ID, "not-found-1");
		this.http.get()
			.uri("/api/products")
			.header(REQUEST_ID, "cross-origin-1")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(REQUEST_ID, "cross-origin-1");
	}

	/**
	 * Sends a request with the client's id (none when {@code null}) and checks that the
	 * gateway made a new UUID, passed it to the service and returned it. A private
	 * answer, so the gateway's cache never answers instead of the service.
	 */
	private void assertAFreshIdReachesTheServiceAndComesBack(@Nullable String clientId) {
		EntityExchangeResult<byte[]> result = this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("user-1", List.of("USER"))))
			.headers((headers) -> {
				if (clientId != null) {
					headers.set(REQUEST_ID, clientId);
				}
			})
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		String id = result.getResponseHeaders().getFirst(REQUEST_ID);
		assertThat(UUID.fromString(id)).hasToString(id);
		assertThat(new String(result.getResponseBody())).contains("\"x-request-id\":[\"" + id + "\"]");
	}

}
