package dev.microshop.order.ordering.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.microshop.order.FakeUserService;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The user-service client against a real HTTP server: every answer but the user or a 404
 * fails closed.
 */
class RemoteUserDirectoryTests {

	private static final UserServiceProperties TIMEOUTS = new UserServiceProperties(Duration.ofSeconds(1),
			Duration.ofSeconds(1));

	private static final FakeUserService userService = FakeUserService.start();

	@AfterAll
	static void stop() {
		userService.close();
	}

	@Test
	void anExistingUserExists() {
		assertThat(directory(userService.uri()).exists("alice")).isTrue();
		assertThat(userService.requestedIds()).contains("alice");
	}

	@Test
	void aUserAnswered404DoesNotExist() {
		assertThat(directory(userService.uri()).exists("unknown-bob")).isFalse();
	}

	@Test
	void aFailingUserServiceIsUnavailable() {
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> directory(userService.uri()).exists("broken-carol"));
	}

	@Test
	void aUserServiceSlowerThanTheReadTimeoutIsUnavailable() {
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> directory(userService.uri()).exists("slow-dave"));
	}

	@Test
	void aUserServiceThatIsDownIsUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> directory("http://127.0.0.1:" + closedPort).exists("erin"));
	}

	private static RemoteUserDirectory directory(String baseUrl) {
		return new RemoteUserDirectory(
				UserServiceClientConfiguration.create(RestClient.builder().baseUrl(baseUrl), TIMEOUTS));
	}

}
