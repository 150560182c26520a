package dev.microshop.order;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random 127.0.0.1 port that answers user-service's {@code GET
 * /internal/users/{id}} the way a test wants, chosen by the user id's prefix:
 * {@code unknown-} is answered 404, {@code broken-} 500, {@code unavailable-} 503,
 * {@code flaky-} 503 the first two times and then 200, {@code slow-} only when the server
 * closes (far beyond any client timeout), any other id 200 with the user.
 */
public final class FakeUserService implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final CountDownLatch closing = new CountDownLatch(1);

	private final List<String> requestedIds = new CopyOnWriteArrayList<>();

	private FakeUserService() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/internal/users/", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public static FakeUserService start() {
		return new FakeUserService();
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Returns the user ids asked for, in order.
	 */
	public List<String> requestedIds() {
		return List.copyOf(this.requestedIds);
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String id = exchange.getRequestURI().getPath().substring("/internal/users/".length());
			this.requestedIds.add(id);
			if (id.startsWith("slow-")) {
				awaitClosing();
			}
			if (id.startsWith("unknown-")) {
				send(exchange, 404, "application/problem+json",
						"{\"status\":404,\"title\":\"Not found\",\"detail\":\"No user " + id + "\"}");
			}
			else if (id.startsWith("broken-")) {
				send(exchange, 500, "application/problem+json", "{\"status\":500,\"title\":\"Internal error\"}");
			}
			else if (id.startsWith("unavailable-")
					|| (id.startsWith("flaky-") && Collections.frequency(this.requestedIds, id) <= 2)) {
				send(exchange, 503, "application/problem+json", "{\"status\":503,\"title\":\"Service Unavailable\"}");
			}
			else {
				send(exchange, 200, "application/json",
						"{\"id\":\"" + id + "\",\"email\":\"" + id + "@example.test\",\"displayName\":\"" + id + "\"}");
			}
		}
	}

	private void awaitClosing() {
		try {
			this.closing.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
