package dev.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Real HTTP servers on 127.0.0.1 that play the four services behind the gateway, found
 * through the simple discovery client instead of Eureka.
 * <p>
 * Each one answers {@code /.well-known/jwks.json} with the public key of
 * {@link TestTokens}, and any other request with what reached it: the service it is, the
 * method, the path and query, and the request headers (names in lower case).
 */
final class FakeServices {

	static final List<String> SERVICE_IDS = List.of("user-service", "order-service", "payment-service",
			"notification-service");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Map<String, Integer> ports;

	private FakeServices() {
	}

	static synchronized Map<String, Integer> ports() {
		if (ports == null) {
			Map<String, Integer> started = new LinkedHashMap<>();
			SERVICE_IDS.forEach((serviceId) -> started.put(serviceId, start(serviceId)));
			ports = Map.copyOf(started);
		}
		return ports;
	}

	private static int start(String serviceId) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/jwks.json", (exchange) -> respond(exchange, 200,
					new JWKSet(TestTokens.signingKey().toPublicJWK()).toString(), "application/jwk-set+json"));
			server.createContext("/",
					(exchange) -> respond(exchange, 200, echo(serviceId, exchange), "application/json"));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String echo(String serviceId, HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach(
					(name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.addAll(values));
		Map<String, Object> received = new HashMap<>();
		received.put("service", serviceId);
		received.put("method", exchange.getRequestMethod());
		received.put("path", exchange.getRequestURI().getRawPath());
		received.put("query", exchange.getRequestURI().getRawQuery());
		received.put("headers", headers);
		return json.writeValueAsString(received);
	}

	private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Registers the fake services in the simple discovery client and turns Eureka off.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("eureka.client.enabled", "false");
			ports().forEach((serviceId, port) -> properties.put(
					"spring.cloud.discovery.client.simple.instances." + serviceId + "[0].uri",
					"http://127.0.0.1:" + port));
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakeServices", properties));
		}

	}

}
