package dev.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard while notification-service refuses connections.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(
		initializers = { StubService.Initializer.class, DashboardWithAServiceDownTests.NotificationServiceDown.class })
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

	/**
	 * Registers notification-service, in place of its stub, at a port on 127.0.0.1 where
	 * nothing listens.
	 */
	static class NotificationServiceDown implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				closedPort = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("notificationServiceDown",
						Map.of("spring.cloud.discovery.client.simple.instances.notification-service[0].uri",
								"http://127.0.0.1:" + closedPort)));
		}

	}

}
