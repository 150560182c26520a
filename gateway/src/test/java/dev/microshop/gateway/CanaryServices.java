package dev.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two versions of order-service side by side: real HTTP servers on 127.0.0.1 registered
 * in the simple discovery client under the one service id, with {@code version} v1 and v2
 * in their metadata. Each answers any request with its service id and version.
 * <p>
 * Its initializer goes after {@link FakeServices.Initializer} and replaces that one's
 * order-service; the other fake services (user-service's key set) stay.
 */
final class CanaryServices {

	static final String SERVICE_ID = "order-service";

	static final List<String> VERSIONS = List.of("v1", "v2");

	private static Map<String, Integer> ports;

	private CanaryServices() {
	}

	static synchronized Map<String, Integer> ports() {
		if (ports == null) {
			Map<String, Integer> started = new LinkedHashMap<>();
			VERSIONS.forEach((version) -> started.put(version, start(version)));
			ports = Map.copyOf(started);
		}
		return ports;
	}

	/**
	 * Which version of order-service answered the caller's request through the gateway,
	 * checking the gateway says the same in {@code X-Served-Version}.
	 */
	static String versionServing(WebTestClient http, String token, HttpHeaders extraHeaders) {
		EntityExchangeResult<Served> result = http.get().uri("/api/orders").headers((headers) -> {
			headers.setBearerAuth(token);
			headers.addAll(extraHeaders);
		}).exchange().expectStatus().isOk().expectBody(Served.class).returnResult();
		Served served = result.getResponseBody();
		assertThat(served).isNotNull();
		assertThat(served.service()).isEqualTo(SERVICE_ID);
		assertThat(result.getResponseHeaders().getFirst("X-Served-Version")).isEqualTo(served.version());
		return served.version();
	}

	static String versionServing(WebTestClient http, String token) {
		return versionServing(http, token, new HttpHeaders());
	}

	private static int start(String version) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> respond(exchange, version));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void respond(HttpExchange exchange, String version) throws IOException {
		exchange.getRequestBody().readAllBytes();
		byte[] body = ("{\"service\":\"" + SERVICE_ID + "\",\"version\":\"" + version + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (var out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** What a version of order-service answers. */
	record Served(String service, String version) {
	}

	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Map<String, Object> properties = new HashMap<>();
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE_ID;
			for (int i = 0; i < VERSIONS.size(); i++) {
				String version = VERSIONS.get(i);
				properties.put(prefix + "[" + i + "].uri", "http://127.0.0.1:" + ports().get(version));
				properties.put(prefix + "[" + i + "].metadata.version", version);
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("canaryServices", properties));
		}

	}

}
