package dev.microshop.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real HTTP server on 127.0.0.1 that plays payment-service and notification-service
 * behind the gateway and that a test tells how to behave: healthy, failing with a status,
 * hanging (never answering while the test runs), or holding each call until released. It
 * counts the calls that reached it.
 * <p>
 * {@code /api/notifications/stream} is a server-sent event stream of
 * {@value #STREAM_EVENTS} events, one every {@link #STREAM_INTERVAL}, whatever the mode.
 */
final class ControllableService {

	static final List<String> SERVICE_IDS = List.of("payment-service", "notification-service");

	static final int STREAM_EVENTS = 8;

	static final Duration STREAM_INTERVAL = Duration.ofMillis(500);

	private static ControllableService instance;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService streamClock = Executors.newSingleThreadScheduledExecutor();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final AtomicInteger inProgress = new AtomicInteger();

	private volatile Behaviour behaviour = Behaviour.healthy();

	private ControllableService() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/notifications/stream", this::stream);
		this.server.createContext("/", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
	}

	static synchronized ControllableService instance() {
		if (instance == null) {
			instance = new ControllableService();
		}
		return instance;
	}

	/**
	 * Answers 200 from now on, forgets the calls so far and lets any held or hanging call
	 * finish.
	 */
	void reset() {
		become(Behaviour.healthy());
		this.calls.clear();
	}

	void healthy() {
		become(Behaviour.healthy());
	}

	/**
	 * Answers every call with the status and a problem of its own.
	 */
	void failWith(int status) {
		become(new Behaviour(status, new CountDownLatch(0)));
	}

	/**
	 * Answers no call until {@link #release()} or {@link #reset()}.
	 */
	void hang() {
		become(new Behaviour(200, new CountDownLatch(1)));
	}

	/**
	 * Lets the calls held so far answer 200.
	 */
	void release() {
		this.behaviour.gate().countDown();
	}

	/**
	 * Returns the calls that reached the service (the stream excepted), in order.
	 */
	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Returns how many calls are being answered right now.
	 */
	int inProgress() {
		return this.inProgress.get();
	}

	private void become(Behaviour next) {
		Behaviour previous = this.behaviour;
		this.behaviour = next;
		previous.gate().countDown();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Behaviour current = this.behaviour;
			this.calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					new String(body, StandardCharsets.UTF_8)));
			this.inProgress.incrementAndGet();
			try {
				current.gate().await(60, TimeUnit.SECONDS);
				if (current.status() == 200) {
					respond(exchange, 200, "application/json", "{\"answeredBy\":\"controllable-service\"}");
				}
				else {
					respond(exchange, current.status(), "application/problem+json", "{\"status\":" + current.status()
							+ ",\"title\":\"Failed in the service\",\"answeredBy\":\"controllable-service\"}");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				// The gateway gave up on this call (its time limit) and closed the
				// connection.
			}
			finally {
				this.inProgress.decrementAndGet();
			}
		}
	}

	private void stream(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		AtomicInteger sent = new AtomicInteger();
		// The stream's pace is the service's behaviour, kept by a clock of its own.
		this.streamClock.scheduleAtFixedRate(() -> {
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

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void stop() {
		this.behaviour.gate().countDown();
		this.server.stop(0);
		this.streamClock.shutdownNow();
		this.executor.shutdownNow();
	}

	/**
	 * A call that reached the service.
	 */
	record Call(String method, String path, String idempotencyKey, String body) {

	}

	/**
	 * The status to answer, once the gate opens.
	 */
	private record Behaviour(int status, CountDownLatch gate) {

		static Behaviour healthy() {
			return new Behaviour(200, new CountDownLatch(0));
		}

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
	 * Registers this service in the simple discovery client as payment-service and
	 * notification-service; to be listed after {@link FakeServices.Initializer}, whose
	 * instances of these two it replaces.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String uri = "http://127.0.0.1:" + instance().server.getAddress().getPort();
			Map<String, Object> properties = new HashMap<>();
			SERVICE_IDS.forEach((serviceId) -> properties
				.put("spring.cloud.discovery.client.simple.instances." + serviceId + "[0].uri", uri));
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("controllableService", properties));
		}

	}

}
