package dev.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Real HTTP servers on 127.0.0.1 that play the three services behind the dashboard and
 * the catalog, found through the simple discovery client instead of Eureka. Every request
 * they receive is recorded.
 * <p>
 * The dashboard's parts answer as the real services do, unless the caller's id (its
 * {@code X-User-Id}) says otherwise: an id containing {@code profile-broken},
 * {@code orders-broken} or {@code notifications-broken} gets 500 from that part's
 * service, and one containing {@code ...-slow} gets no answer from it for {@link #SLOW}
 * (past any part timeout of the tests).
 * <p>
 * The catalog ({@code /api/products/**}) answers like order-service: public for a minute,
 * with a strong {@code ETag}, and 304 to a matching {@code If-None-Match}. Products whose
 * id starts with {@code private-}, {@code no-store-} or {@code unmarked-} are answered
 * {@code Cache-Control: private, max-age=60}, {@code no-store}, or without
 * {@code Cache-Control}.
 */
final class EdgeServices {

	/** How long a slow part keeps the caller waiting. */
	static final Duration SLOW = Duration.ofSeconds(20);

	/** The orders every user has, newest first: more than the dashboard shows. */
	static final List<String> ORDER_IDS = IntStream.rangeClosed(1, 7).mapToObj((n) -> "o-" + (8 - n)).toList();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<Received> received = new CopyOnWriteArrayList<>();

	private static final CountDownLatch never = new CountDownLatch(1);

	private static Map<String, Integer> ports;

	private EdgeServices() {
	}

	/**
	 * A request one of the services received.
	 *
	 * @param service the service id
	 * @param path the raw path
	 * @param query the raw query, or {@code null}
	 * @param headers the request headers, names in lower case, values joined by commas
	 */
	record Received(String service, String path, String query, Map<String, String> headers) {

		String userId() {
			return this.headers.get("x-user-id");
		}

	}

	/** What the services received, oldest first. */
	static List<Received> received() {
		return List.copyOf(received);
	}

	/** How many requests for this path reached order-service. */
	static long catalogCalls(String path) {
		return received.stream()
			.filter((request) -> request.service().equals("order-service") && request.path().equals(path))
			.count();
	}

	static synchronized Map<String, Integer> ports() {
		if (ports == null) {
			Map<String, Integer> started = new LinkedHashMap<>();
			for (String serviceId : List.of("user-service", "order-service", "notification-service")) {
				started.put(serviceId, start(serviceId));
			}
			ports = Map.copyOf(started);
		}
		return ports;
	}

	private static int start(String serviceId) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			// A slow answer holds its thread: each request gets its own.
			server.setExecutor(Executors.newCachedThreadPool((task) -> Thread.ofPlatform().daemon().unstarted(task)));
			server.createContext("/.well-known/jwks.json",
					(exchange) -> respond(exchange, 200, Map.of("Content-Type", "application/jwk-set+json"),
							new JWKSet(TestTokens.signingKey().toPublicJWK()).toString()));
			server.createContext("/", (exchange) -> answer(serviceId, exchange));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void answer(String serviceId, HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		Received request = record(serviceId, exchange);
		String path = request.path();
		if (path.startsWith("/api/products/")) {
			product(exchange, path.substring("/api/products/".length()));
			return;
		}
		String part = switch (path) {
			case "/api/users/me" -> "profile";
			case "/api/orders" -> "orders";
			case "/api/notifications/unread-count" -> "notifications";
			default -> null;
		};
		if (part == null) {
			respond(exchange, 404, Map.of(), "");
			return;
		}
		String userId = String.valueOf(request.userId());
		if (userId.contains(part + "-broken")) {
			respond(exchange, 500, Map.of("Content-Type", "application/problem+json"), "{\"status\":500}");
			return;
		}
		if (userId.contains(part + "-slow")) {
			awaitSlowly();
		}
		Object body = switch (part) {
			case "profile" -> Map.of("id", userId, "email", "shopper@example.com", "displayName", "Shopper", "roles",
					List.of(request.headers().getOrDefault("x-user-roles", "").split(",")), "createdAt",
					"2025-01-01T00:00:00Z");
			case "orders" -> ORDER_IDS.stream()
				.limit(size(request.query()))
				.map((id) -> Map.of("id", id, "status", "CONFIRMED"))
				.toList();
			default -> Map.of("unread", 3);
		};
		respond(exchange, 200, Map.of("Content-Type", "application/json"), json.writeValueAsString(body));
	}

	private static void product(HttpExchange exchange, String id) throws IOException {
		String body = json.writeValueAsString(Map.of("id", id, "name", "Product " + id));
		String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
		Map<String, String> headers = new HashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("ETag", etag);
		if (id.startsWith("private-")) {
			headers.put("Cache-Control", "private, max-age=60");
		}
		else if (id.startsWith("no-store-")) {
			headers.put("Cache-Control", "no-store");
		}
		else if (!id.startsWith("unmarked-")) {
			headers.put("Cache-Control", "public, max-age=60");
		}
		if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
			respond(exchange, 304, headers, "");
			return;
		}
		respond(exchange, 200, headers, body);
	}

	private static Received record(String serviceId, HttpExchange exchange) {
		Map<String, String> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		Received request = new Received(serviceId, exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers);
		received.add(request);
		return request;
	}

	private static int size(String query) {
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("size=")) {
					return Integer.parseInt(parameter.substring("size=".length()));
				}
			}
		}
		return 20;
	}

	private static void awaitSlowly() {
		try {
			never.await(SLOW.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		try (exchange) {
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (IOException ex) {
			// The gateway gave up waiting and closed the connection.
		}
	}

	/** A port on 127.0.0.1 that refuses connections. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
			addresses().forEach((serviceId, address) -> properties
				.put("spring.cloud.discovery.client.simple.instances." + serviceId + "[0].uri", address));
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("edgeServices", properties));
		}

		Map<String, String> addresses() {
			Map<String, String> addresses = new HashMap<>();
			ports().forEach((serviceId, port) -> addresses.put(serviceId, "http://127.0.0.1:" + port));
			return addresses;
		}

	}

	/**
	 * As {@link Initializer}, with notification-service registered at an address where
	 * nothing listens.
	 */
	static class NotificationsDownInitializer extends Initializer {

		@Override
		Map<String, String> addresses() {
			Map<String, String> addresses = super.addresses();
			addresses.put("notification-service", "http://127.0.0.1:" + closedPort());
			return addresses;
		}

	}

}
