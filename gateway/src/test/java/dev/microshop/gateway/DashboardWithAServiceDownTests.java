package dev.microshop.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard while notification-service refuses connections.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EdgeServices.NotificationsDownInitializer.class)
class DashboardWithAServiceDownTests {

	@LocalServerPort
	int port;

	@Test
	void aServiceThatIsDownIsShownUnavailableAndTheOthersStillShown() {
		String fay = DashboardTests.user("fay");

		GatewayHttp.at(this.port)
			.get()
			.uri("/api/me/dashboard")
			.headers((headers) -> headers.setBearerAuth(TestTokens.token(fay, List.of("USER"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"profile": {"status": "ok", "data": {"id": "%s"}},
					 "orders": {"status": "ok"},
					 "notifications": {"status": "unavailable", "reason": "error"}}
					""".formatted(fay));
	}

}
