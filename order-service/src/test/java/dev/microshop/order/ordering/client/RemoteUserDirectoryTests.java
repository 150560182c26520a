package dev.microshop.order.ordering.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.microshop.order.FakeUserService;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The user-service client against a real HTTP server: every answer but the user or a 404
 * fails closed; only the failures worth it are retried.
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

	@Test
	void aUserServiceAskingToBeTriedAgainIsRetried() {
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> directory(userService.uri()).exists("unavailable-frank"));
		assertThat(userService.requestedIds()).filteredOn("unavailable-frank"::equals).hasSize(3);
	}

	@Test
	void aUserServiceThatRecoversWithinTheRetriesAnswers() {
		assertThat(directory(userService.uri()).exists("flaky-grace")).isTrue();
		assertThat(userService.requestedIds()).filteredOn("flaky-grace"::equals).hasSize(3);
	}

	@Test
	void aFailingUserServiceIsAskedOnce() {
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> directory(userService.uri()).exists("broken-heidi"));
		assertThat(userService.requestedIds()).filteredOn("broken-heidi"::equals).hasSize(1);
	}

	@Test
	void aLookupBeforeDiscoveryKnowsUserServiceWaitsForIt() {
		AtomicInteger asked = new AtomicInteger();
		UserServiceClient discoveredLate = (id) -> {
			if (asked.incrementAndGet() <= 3) {
				throw new IllegalStateException("No instances available for user-service");
			}
			return new UserServiceClient.UserSummary(id, id + "@example.com", id);
		};

		assertThat(new RemoteUserDirectory(discoveredLate, resilience(BulkheadRegistry.ofDefaults())).exists("kim"))
			.isTrue();
		assertThat(asked).hasValue(4);
	}

	@Test
	void noInstanceOfUserServiceForLongerThanTheTimeLimitIsUnavailable() {
		UserServiceClient neverDiscovered = (id) -> {
			throw new IllegalStateException("No instances available for user-service");
		};

		assertThatExceptionOfType(UserDirectoryUnavailableException.class).isThrownBy(
				() -> new RemoteUserDirectory(neverDiscovered, resilience(BulkheadRegistry.ofDefaults())).exists("leo"))
			.withCauseInstanceOf(TimeoutException.class);
	}

	@Test
	void aLookupOverTheConcurrencyLimitIsUnavailableWithoutAskingUserService() {
		BulkheadRegistry oneAtATime = BulkheadRegistry
			.of(BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
		RemoteUserDirectory directory = directory(userService.uri(), resilience(oneAtATime));
		try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> slow = lookups.submit(() -> directory.exists("slow-ivan"));
			await().atMost(Duration.ofSeconds(10)).until(() -> userService.requestedIds().contains("slow-ivan"));

			assertThatExceptionOfType(UserDirectoryUnavailableException.class)
				.isThrownBy(() -> directory.exists("judy"))
				.withCauseInstanceOf(BulkheadFullException.class);
			assertThat(userService.requestedIds()).doesNotContain("judy");
			slow.cancel(true);
		}
	}

	private static RemoteUserDirectory directory(String baseUrl) {
		return directory(baseUrl, resilience(BulkheadRegistry.ofDefaults()));
	}

	private static RemoteUserDirectory directory(String baseUrl, UserServiceResilience resilience) {
		return new RemoteUserDirectory(
				UserServiceClientConfiguration.create(RestClient.builder().baseUrl(baseUrl), TIMEOUTS), resilience);
	}

	/**
	 * The library's defaults but for the retry condition (the client's rule) and a short
	 * backoff.
	 */
	private static UserServiceResilience resilience(BulkheadRegistry bulkheads) {
		RetryConfig retry = RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ofMillis(10))
			.retryOnException(UserServiceResilience::isWorthRetrying)
			.build();
		return new UserServiceResilience(RetryRegistry.of(retry), CircuitBreakerRegistry.ofDefaults(), bulkheads,
				TimeLimiterRegistry.ofDefaults());
	}

}
