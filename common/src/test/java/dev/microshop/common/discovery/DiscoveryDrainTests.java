package dev.microshop.common.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A real web application with the real Eureka client, registered in a stand-in Eureka
 * server that records what the client reports: stopping it must report it {@code DOWN}
 * first and keep answering requests through the drain, then stop.
 */
class DiscoveryDrainTests {

	private static final Duration DRAIN = Duration.ofSeconds(3);

	private static final String WITH_DRAIN = "microshop.shutdown.drain=" + DRAIN.toMillis() + "ms";

	@Test
	void aStoppingInstanceLeavesDiscoveryThenKeepsServingThroughTheDrain() throws Exception {
		try (RecordingEurekaServer eureka = RecordingEurekaServer.start()) {
			ConfigurableApplicationContext app = start(eureka, "eureka.client.enabled=true", WITH_DRAIN);
			try {
				int port = port(app);
				await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(eureka.lastReportedStatus()));
				String address = app.getEnvironment().getRequiredProperty("spring.cloud.client.ip-address");
				assertThat(eureka.requests).as("replicas on one port told apart by their address")
					.anyMatch((request) -> request.contains("\"instanceId\":\"drain-test:" + address + ":"));

				// What the shutdown hook does on SIGTERM.
				CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);

				await().atMost(Duration.ofSeconds(3)).until(() -> "DOWN".equals(eureka.lastReportedStatus()));
				await().during(DRAIN.minusSeconds(2))
					.atMost(DRAIN)
					.untilAsserted(
							() -> assertThat(ping(port)).as("still served after leaving discovery").isEqualTo("pong"));
				stopping.get(30, TimeUnit.SECONDS);
				assertThat(eureka.requests).as("registration cancelled at the end")
					.anyMatch((request) -> request.startsWith("DELETE "));
				assertThatExceptionOfType(ConnectException.class).as("web server stopped")
					.isThrownBy(() -> new Socket("127.0.0.1", port).close());
			}
			finally {
				app.close();
			}
		}
	}

	@Test
	void anInstanceTurnsUpInDiscoveryOnlyOnceReady() throws Exception {
		try (RecordingEurekaServer eureka = RecordingEurekaServer.start()) {
			CountDownLatch seeding = new CountDownLatch(1);
			// No drain: this test's stop is not what it checks.
			CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture
				.supplyAsync(() -> start(eureka, (ApplicationRunner) (arguments) -> seeding.await(),
						"eureka.client.enabled=true"));

			// Web server started, start-up runner still busy: registered, but not UP.
			await().atMost(Duration.ofSeconds(30)).until(() -> eureka.lastReportedStatus() != null);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(eureka.lastReportedStatus()).isEqualTo("STARTING"));
			seeding.countDown();
			try (ConfigurableApplicationContext app = starting.get(30, TimeUnit.SECONDS)) {
				await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(eureka.lastReportedStatus()));
			}
		}
	}

	@Test
	void noDrainWithoutEurekaAsInTests() {
		try (ConfigurableApplicationContext app = start(null, "eureka.client.enabled=false", WITH_DRAIN)) {
			assertThat(app.getBeansOfType(DiscoveryDrain.class)).isEmpty();
		}
	}

	@Test
	void noDrainInTheRegistryItself() {
		try (ConfigurableApplicationContext app = start(null, "eureka.client.register-with-eureka=false", WITH_DRAIN)) {
			assertThat(app.getBeansOfType(DiscoveryDrain.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(RecordingEurekaServer eureka, String... properties) {
		return start(eureka, null, properties);
	}

	private static ConfigurableApplicationContext start(RecordingEurekaServer eureka, ApplicationRunner runner,
			String... properties) {
		// Arguments, which win over common's microshop-defaults.yml as they do in a
		// service.
		List<String> arguments = new ArrayList<>(List.of("--spring.application.name=drain-test", "--server.port=0",
				"--eureka.client.service-url.defaultZone="
						+ ((eureka != null) ? eureka.url() : "http://127.0.0.1:1/eureka/"),
				"--eureka.client.fetch-registry=false",
				// The client's shutdown waits for its next replication tick (up to 3 s).
				"--eureka.client.instance-info-replication-interval-seconds=1",
				// Only the web server and discovery: no broker or database at the
				// platform's fixed ports.
				"--spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
						+ "dev.microshop.common.kafka.MessagingAutoConfiguration,"
						+ "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
						+ "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
						+ "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration"));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class);
		if (runner != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("runner", runner));
		}
		return builder.run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext app) {
		return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String ping(int port) {
		return RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.get()
			.uri("/ping")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

	/**
	 * Answers the Eureka client's register, heartbeat and cancel calls, and keeps them in
	 * order.
	 */
	static final class RecordingEurekaServer implements AutoCloseable {

		private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

		final List<String> requests = new CopyOnWriteArrayList<>();

		private final HttpServer server;

		private RecordingEurekaServer(HttpServer server) {
			this.server = server;
		}

		static RecordingEurekaServer start() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			RecordingEurekaServer eureka = new RecordingEurekaServer(server);
			server.createContext("/eureka/", eureka::handle);
			server.start();
			return eureka;
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/eureka/";
		}

		/** The status of the last registration, which a status change sends again. */
		String lastReportedStatus() {
			String status = null;
			for (String request : this.requests) {
				Matcher matcher = STATUS.matcher(request);
				if (request.startsWith("POST ") && matcher.find()) {
					status = matcher.group(1);
				}
			}
			return status;
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (InputStream body = exchange.getRequestBody()) {
				this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
						+ new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			// 204 to a registration, 200 to a heartbeat or a cancel.
			exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 204 : 200, -1);
			exchange.close();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
