package dev.microshop.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

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
 * A real HTTP server on 127.0.0.1 that plays one version of a service behind the gateway,
 * found through the simple discovery client instead of Eureka ({@link Initializer}): one
 * for each of the four services, and a second version of order-service, v2 next to v1,
 * that gets traffic only when canary weights give it some.
 * <p>
 * Every stub answers any request with what reached it: its service and version, the
 * method, path and query, the request headers (names in lower case) and the body size,
 * and remembers it ({@link #received()}). Some paths add what the real service answers:
 * <ul>
 * <li>{@code /api/users/me}: a profile of the caller (its {@code X-User-Id} and
 * {@code X-User-Roles});</li>
 * <li>{@code /api/orders?size=N}: a list of the caller's N latest of
 * {@link #ORDER_IDS};</li>
 * <li>{@code /api/notifications/unread-count}: 3 unread;</li>
 * <li>{@code /api/products/{id}}: the product, with a strong {@code ETag} (304 to a
 * matching {@code If-None-Match}) and {@code Cache-Control: public, max-age=60}, or for
 * an id starting {@code private-}, {@code no-store-} or {@code unmarked-}:
 * {@code private, max-age=60}, {@code no-store} or none;</li>
 * <li>{@code /api/notifications/stream} (notification-service): a server-sent event
 * stream of {@value #STREAM_EVENTS} events, one every {@link #STREAM_INTERVAL};</li>
 * <li>{@code /.well-known/jwks.json}: the public keys {@link #publish published}, the key
 * of {@link TestTokens} unless a test says otherwise, counting the fetches.</li>
 * </ul>
 * A test can make a stub fail or hang ({@link #failWith}, {@link #hang}); a test that
 * does calls {@link #resetAll()} after each test, since every gateway of the test run
 * shares the stubs.
 */
final class StubService {

	static final List<String> SERVICE_IDS = List.of("user-service", "order-service", "payment-service",
			"notification-service");

	/** The service with a second version, and its versions. */
	static final String CANARY_SERVICE_ID = "order-service";

	static final List<String> VERSIONS = List.of("v1", "v2");

	/** The orders every user has, newest first: more than the dashboard shows. */
	static final List<String> ORDER_IDS = IntStream.rangeClosed(1, 7).mapToObj((n) -> "o-" + (8 - n)).toList();

	static final int STREAM_EVENTS = 8;

	static final Duration STREAM_INTERVAL = Duration.ofMillis(500);

	/** How long a hanging stub holds a call at the most, unless released. */
	static final Duration HANG = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, StubService> stubs = new LinkedHashMap<>();

	private static final List<Received> received = new CopyOnWriteArrayList<>();

	private static final AtomicReference<JWKSet> published = new AtomicReference<>(
			new JWKSet(TestTokens.signingKey().toPublicJWK()));

	private static final AtomicInteger keySetFetches = new AtomicInteger();

	private static final ScheduledExecutorService streamClock = Executors.newSingleThreadScheduledExecutor();

	private final String serviceId;

	private final String version;

	private final HttpServer server;

	private final AtomicInteger inProgress = new AtomicInteger();

	private volatile Behaviour behaviour = Behaviour.HEALTHY;

	private StubService(String serviceId, String version) {
		this.serviceId = serviceId;
		this.version = version;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/.well-known/jwks.json", (exchange) -> {
			keySetFetches.incrementAndGet();
			respond(exchange, 200, Map.of("Content-Type", "application/jwk-set+json"), published.get().toString());
		});
		if (serviceId.equals("notification-service")) {
			this.server.createContext("/api/notifications/stream", StubService::stream);
		}
		this.server.createContext("/", this::answer);
		// A held call keeps its thread: each call gets its own.
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.server.stop(0)));
	}

	/** The stub of the service's stable version (v1). */
	static StubService of(String serviceId) {
		return of(serviceId, VERSIONS.getFirst());
	}

	static synchronized StubService of(String serviceId, String version) {
		return stubs.computeIfAbsent(serviceId + "/" + version, (key) -> new StubService(serviceId, version));
	}

	/** What the stubs received since the last {@link #resetAll()}, oldest first. */
	static List<Received> received() {
		return List.copyOf(received);
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

	/**
	 * Makes every stub answer at once again, lets any held call finish, and forgets what
	 * the stubs received.
	 */
	static synchronized void resetAll() {
		stubs.values().forEach((stub) -> stub.become(Behaviour.HEALTHY));
		received.clear();
	}

	/** What this stub received since the last {@link #resetAll()}, oldest first. */
	List<Received> calls() {
		return received.stream().filter((request) -> request.stub() == this).toList();
	}

	/** Answers every call with the status and a problem of the service's own. */
	void failWith(int status) {
		become(new Behaviour(status, new CountDownLatch(0)));
	}

	/** Answers no call until {@link #release()} or {@link #resetAll()}. */
	void hang() {
		become(new Behaviour(200, new CountDownLatch(1)));
	}

	/** Answers at once again. */
	void healthy() {
		become(Behaviour.HEALTHY);
	}

	/** Lets the calls held so far answer. */
	void release() {
		this.behaviour.gate().countDown();
	}

	/** How many calls are being answered right now. */
	int inProgress() {
		return this.inProgress.get();
	}

	private void become(Behaviour next) {
		Behaviour previous = this.behaviour;
		this.behaviour = next;
		previous.gate().countDown();
	}

	private void answer(HttpExchange exchange) throws IOException {
		Received request = record(exchange);
		Behaviour current = this.behaviour;
		this.inProgress.incrementAndGet();
		try {
			current.gate().await(HANG.toMillis(), TimeUnit.MILLISECONDS);
			if (current.status() != 200) {
				respond(exchange, current.status(), Map.of("Content-Type", "application/problem+json"),
						json.writeValueAsString(Map.of("status", current.status(), "title", "Failed in the service",
								"service", this.serviceId)));
			}
			else if (request.path().startsWith("/api/products/")) {
				product(exchange, request);
			}
			else {
				respond(exchange, 200, Map.of("Content-Type", "application/json"), answerTo(request));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.inProgress.decrementAndGet();
		}
	}

	private Received record(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach(
					(name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.addAll(values));
		Received request = new Received(this, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, new String(body, StandardCharsets.UTF_8), body.length);
		received.add(request);
		return request;
	}

	private String answerTo(Received request) {
		String size = request.parameter("size");
		if (request.path().equals("/api/orders") && size != null) {
			return json.writeValueAsString(ORDER_IDS.stream()
				.limit(Integer.parseInt(size))
				.map((id) -> Map.of("id", id, "status", "CONFIRMED"))
				.toList());
		}
		Map<String, Object> answer = echo(request);
		if (request.path().equals("/api/users/me")) {
			answer.putAll(Map.of("id", String.valueOf(request.userId()), "email", "shopper@example.com", "displayName",
					"Shopper", "roles", List.of(request.header("x-user-roles", "").split(",")), "createdAt",
					"2025-01-01T00:00:00Z"));
		}
		else if (request.path().equals("/api/notifications/unread-count")) {
			answer.put("unread", 3);
		}
		return json.writeValueAsString(answer);
	}

	private Map<String, Object> echo(Received request) {
		Map<String, Object> echo = new HashMap<>();
		echo.put("service", this.serviceId);
		echo.put("version", this.version);
		echo.put("method", request.method());
		echo.put("path", request.path());
		echo.put("query", request.query());
		echo.put("headers", request.headers());
		echo.put("bodySize", request.bodySize());
		return echo;
	}

	private void product(HttpExchange exchange, Received request) throws IOException {
		String id = request.path().substring("/api/products/".length());
		Map<String, String> headers = new HashMap<>();
		headers.put("Content-Type", "application/json");
		String etag = "\"" + Integer.toHexString(id.hashCode()) + "\"";
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
		if (etag.equals(request.header("if-none-match", null))) {
			respond(exchange, 304, headers, "");
			return;
		}
		Map<String, Object> product = echo(request);
		product.put("id", id);
		product.put("name", "Product " + id);
		respond(exchange, 200, headers, json.writeValueAsString(product));
	}

	private static void stream(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		AtomicInteger sent = new AtomicInteger();
		// The stream's pace is the service's behaviour, kept by a clock of its own.
		streamClock.scheduleAtFixedRate(() -> {
			int event = sent.incrementAndGet();
			try {
				out.write(("id:" + event + "\ndata:event " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				if (event == STREAM_EVENTS) {
					exchange.close();
					throw new StreamEnded();
				}
			}
			catch (IOException ex) {
				exchange.close();
				throw new StreamEnded();
			}
		}, 0, STREAM_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		headers.forEach(exchange.getResponseHeaders()::set);
		try (exchange) {
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (IOException ex) {
			// The gateway gave up waiting (a time limit) and closed the connection.
		}
	}

	/**
	 * A request a stub received.
	 *
	 * @param stub the stub that received it
	 * @param method the method
	 * @param path the raw path
	 * @param query the raw query, or {@code null}
	 * @param headers the request headers, names in lower case
	 * @param body the body
	 * @param bodySize the body's size in bytes
	 */
	record Received(StubService stub, String method, String path, String query, Map<String, List<String>> headers,
			String body, int bodySize) {

		String service() {
			return this.stub.serviceId;
		}

		/** The path and, if any, the query. */
		String uri() {
			return (this.query != null) ? this.path + "?" + this.query : this.path;
		}

		String userId() {
			return header("x-user-id", null);
		}

		String idempotencyKey() {
			return header("idempotency-key", null);
		}

		String header(String name, String fallback) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values.getFirst() : fallback;
		}

		String parameter(String name) {
			if (this.query != null) {
				for (String parameter : this.query.split("&")) {
					if (parameter.startsWith(name + "=")) {
						return parameter.substring(name.length() + 1);
					}
				}
			}
			return null;
		}

	}

	/**
	 * The status to answer, once the gate opens.
	 */
	private record Behaviour(int status, CountDownLatch gate) {

		static final Behaviour HEALTHY = new Behaviour(200, new CountDownLatch(0));

	}

	/**
	 * Ends a stream's scheduled task (an exception is how a periodic task stops itself).
	 */
	private static final class StreamEnded extends RuntimeException {

		StreamEnded() {
			super(null, null, false, false);
		}

	}

	/**
	 * Registers the stubs in the simple discovery client and turns Eureka off: one
	 * instance of each service, and order-service's v1 and v2 with their {@code version}
	 * in the metadata.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("eureka.client.enabled", "false");
			for (String serviceId : SERVICE_IDS) {
				List<String> versions = serviceId.equals(CANARY_SERVICE_ID) ? VERSIONS : List.of(VERSIONS.getFirst());
				for (int i = 0; i < versions.size(); i++) {
					String instance = "spring.cloud.discovery.client.simple.instances." + serviceId + "[" + i + "]";
					properties.put(instance + ".uri",
							"http://127.0.0.1:" + of(serviceId, versions.get(i)).server.getAddress().getPort());
					properties.put(instance + ".metadata.version", versions.get(i));
				}
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stubServices", properties));
		}

	}

}
