package dev.microshop.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real HTTP server on 127.0.0.1 that plays all four services for the edge tests:
 * <ul>
 * <li>{@code /.well-known/jwks.json} publishes a key set the test changes at runtime
 * ({@link #publish}) and counts how often the gateway fetched it;</li>
 * <li>{@code /api/products/**} answers, like order-service, with
 * {@code Cache-Control: public, max-age=30};</li>
 * <li>any request is answered with what reached it (method, path, query, request headers
 * in lower case, body size) and remembered ({@link #received}).</li>
 * </ul>
 */
final class EdgeFixture {

	static final String PRODUCTS_CACHE_CONTROL = "public, max-age=30";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicReference<JWKSet> published = new AtomicReference<>(
			new JWKSet(TestTokens.signingKey().toPublicJWK()));

	private static final AtomicInteger keySetFetches = new AtomicInteger();

	private static final Queue<String> received = new ConcurrentLinkedQueue<>();

	private static Integer port;

	private EdgeFixture() {
	}

	/** Publishes the public halves of exactly these keys from now on. */
	static void publish(ECKey... keys) {
		List<JWK> publicKeys = new ArrayList<>();
		for (ECKey key : keys) {
			publicKeys.add(key.toPublicJWK());
		}
		published.set(new JWKSet(publicKeys));
	}

	/** How many times the key set was fetched so far. */
	static int keySetFetches() {
		return keySetFetches.get();
	}

	/** The path and query of every request that reached a service so far. */
	static List<String> received() {
		return List.copyOf(received);
	}

	static synchronized int port() {
		if (port == null) {
			port = start();
		}
		return port;
	}

	private static int start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setExecutor(Executors.newCachedThreadPool());
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				keySetFetches.incrementAndGet();
				respond(exchange, published.get().toString(), "application/jwk-set+json", Map.of());
			});
			server.createContext("/api/products", (exchange) -> respond(exchange, echo(exchange), "application/json",
					Map.of("Cache-Control", PRODUCTS_CACHE_CONTROL)));
			server.createContext("/", (exchange) -> respond(exchange, echo(exchange), "application/json", Map.of()));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String echo(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		received.add(exchange.getRequestURI().getRawPath() + ((query != null) ? "?" + query : ""));
		long bodySize;
		try (InputStream body = exchange.getRequestBody()) {
			bodySize = body.transferTo(OutputStream.nullOutputStream());
		}
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach(
					(name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.addAll(values));
		Map<String, Object> echo = new HashMap<>();
		echo.put("method", exchange.getRequestMethod());
		echo.put("path", exchange.getRequestURI().getRawPath());
		echo.put("query", query);
		echo.put("headers", headers);
		echo.put("bodySize", bodySize);
		return json.writeValueAsString(echo);
	}

	private static void respond(HttpExchange exchange, String body, String contentType, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		headers.forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(200, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Registers the fixture as every service in the simple discovery client and turns
	 * Eureka off.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("eureka.client.enabled", "false");
			FakeServices.SERVICE_IDS.forEach((serviceId) -> properties.put(
					"spring.cloud.discovery.client.simple.instances." + serviceId + "[0].uri",
					"http://127.0.0.1:" + port()));
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("edgeFixture", properties));
		}

	}

}
