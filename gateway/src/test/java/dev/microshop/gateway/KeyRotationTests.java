package dev.microshop.gateway;

import java.time.Duration;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class KeyRotationTests {

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@AfterEach
	void publishOnlyTheUsualKey() {
		StubService.publish(TestTokens.signingKey());
	}

	@Test
	void aKeyPublishedLaterIsAcceptedAndARemovedKeyIsRefusedWithoutARestart() {
		ECKey next = TestTokens.newKey();
		String signedWithNext = TestTokens.signedBy(next, "user-1");
		assertThat(status(signedWithNext)).isEqualTo(HttpStatus.UNAUTHORIZED);

		StubService.publish(TestTokens.signingKey(), next);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(status(signedWithNext)).isEqualTo(HttpStatus.OK));

		StubService.publish(TestTokens.signingKey());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(status(signedWithNext)).isEqualTo(HttpStatus.UNAUTHORIZED));
		assertThat(status(TestTokens.signedBy(TestTokens.signingKey(), "user-1"))).isEqualTo(HttpStatus.OK);
	}

	@Test
	void tokensWithMadeUpKeyIdsDoNotMakeTheGatewayHammerTheKeyServer() {
		int before = StubService.keySetFetches();
		long started = System.nanoTime();

		for (int i = 0; i < 50; i++) {
			assertThat(status(TestTokens.signedByUnknownKey("user-1"))).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		// At most one fetch per second (the configured interval), plus one in flight at
		// each end.
		assertThat(StubService.keySetFetches() - before).isLessThanOrEqualTo((int) seconds + 2).isLessThan(50);
	}

	private HttpStatus status(String token) {
		return HttpStatus.valueOf(this.http.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value());
	}

}
