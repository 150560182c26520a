package dev.microshop.benchmarks;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * Each benchmark user's live notification stream ({@code GET /api/notifications/stream}
 * through the gateway, server-sent events), as a shopper's browser keeps it open: when
 * the client saw each order confirmed or cancelled, with no polling.
 */
final class NotificationStreams implements AutoCloseable {

	/**
	 * When an order's settling notification arrived, by {@link System#nanoTime()}.
	 *
	 * @param nanos when it arrived
	 * @param type {@code ORDER_CONFIRMED} or {@code ORDER_CANCELLED}
	 */
	record Seen(long nanos, String type) {

	}

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	private final List<Thread> readers = new ArrayList<>();

	private final List<Stream<String>> streams = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * Opens one stream per user and returns once each has answered (the stream's opening
	 * comment arrived).
	 */
	static NotificationStreams open(ShopClient shop, List<ShopClient.User> users)
			throws IOException, InterruptedException {
		NotificationStreams streams = new NotificationStreams();
		CountDownLatch opened = new CountDownLatch(users.size());
		for (ShopClient.User user : users) {
			HttpRequest request = HttpRequest.newBuilder(shop.gateway().resolve("/api/notifications/stream"))
				.header("Authorization", "Bearer " + user.token())
				.header("Accept", "text/event-stream")
				.GET()
				.build();
			HttpResponse<Stream<String>> response = shop.http().send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				response.body().close();
				streams.close();
				throw new IOException("The notification stream answered " + response.statusCode());
			}
			streams.streams.add(response.body());
			streams.readers
				.add(Thread.ofVirtual().name("sse-" + user.id()).start(() -> streams.read(response.body(), opened)));
		}
		if (!opened.await(30, TimeUnit.SECONDS)) {
			streams.close();
			throw new IOException("Not every notification stream opened within 30 s");
		}
		return streams;
	}

	private void read(Stream<String> lines, CountDownLatch opened) {
		ServerSentEvents events = new ServerSentEvents((event) -> {
			if (event.name().equals("notification")) {
				long now = System.nanoTime();
				JsonNode notification = ShopClient.JSON.readTree(event.data());
				String type = notification.path("type").asString();
				String orderId = notification.path("orderId").asString(null);
				if (orderId != null && type.startsWith("ORDER_")) {
					this.seen.putIfAbsent(orderId, new Seen(now, type));
				}
			}
		});
		boolean[] first = { true };
		try {
			lines.forEach((line) -> {
				if (first[0]) {
					first[0] = false;
					opened.countDown();
				}
				events.line(line);
			});
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				System.err.println("benchmark: a notification stream failed: " + ex);
			}
		}
	}

	Seen seen(String orderId) {
		return this.seen.get(orderId);
	}

	@Override
	public void close() {
		this.closed = true;
		this.streams.forEach(Stream::close);
		for (Thread reader : this.readers) {
			try {
				reader.join(Duration.ofSeconds(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
