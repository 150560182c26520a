package dev.microshop.gateway;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class RequestLimitsTests {

	private static final int LIMIT = 64 * 1024;

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aBodyWithinTheLimitReachesTheService() {
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[LIMIT])
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bodySize")
			.isEqualTo(LIMIT);
	}

	@Test
	void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItReachesAService() {
		String attempt = UUID.randomUUID().toString();
		this.http.post()
			.uri("/api/auth/register?attempt=" + attempt)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[LIMIT + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
		assertThat(StubService.received()).noneMatch((request) -> request.uri().contains(attempt));
	}

	@Test
	void aChunkedBodyLargerThanTheLimitIsRefusedToo() {
		Flux<DataBuffer> chunks = Flux.range(0, 10)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[LIMIT / 4]));
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is larger than " + LIMIT + " bytes.");
	}

	@Test
	void headersLargerThanTheLimitAreRefusedWith431() {
		this.http.get()
			.uri("/api/products")
			.header("X-Padding", "x".repeat(9 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
	}

}
