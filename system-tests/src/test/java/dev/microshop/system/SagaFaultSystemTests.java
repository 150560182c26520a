package dev.microshop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga under faults: crashes, a broker that goes away, redeliveries. Whatever
 * happens, every accepted order ends confirmed or cancelled, and is paid at most once.
 */
@ExtendWith(Platform.class)
class SagaFaultSystemTests {

	private static final Gateway gateway = new Gateway();

	private static final int ORDERS = 1000;

	private static final int ORDERS_PER_SECOND = 50;

	/** 50 orders each: one page of a user's orders holds them all. */
	private static final int USERS = 20;

	/** Every order is settled at most this long after the last was accepted. */
	private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(60);

	@Test
	void ordersStoredBeforeACrashArePublishedAfterTheRestart() {
		Shopper erin = Shopper.register(gateway, "erin");
		String cheap = Shopper.cheapestProduct(gateway);
		String expensive = Shopper.productPricedAtLeast(gateway, 250);

		// With the broker away, the relay cannot publish: the events wait in the orders.
		Platform.stop("kafka");
		Map<String, String> expected = new HashMap<>();
		for (int i = 0; i < 10; i++) {
			boolean overLimit = i % 3 == 0;
			Gateway.Response placed = erin.place(overLimit ? expensive : cheap, overLimit ? 5 : 1);
			assertThat(placed.status()).isEqualTo(201);
			expected.put(placed.json().path("id").asString(), overLimit ? "CANCELLED" : "CONFIRMED");
		}
		Platform.kill("order-service");
		Platform.start("kafka");
		Platform.start("order-service");

		for (Map.Entry<String, String> order : expected.entrySet()) {
			assertThat(erin.awaitFinal(order.getKey()).path("status").asString()).as("order %s", order.getKey())
				.isEqualTo(order.getValue());
			assertThat(erin.get("/api/payments?orderId=" + order.getKey()).size()).isEqualTo(1);
		}
	}

	@Test
	void aThousandOrdersSettleThroughBrokerRestartsAndAPaymentServiceCrash() throws Exception {
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			shoppers.add(Shopper.register(gateway, "load" + i));
		}
		String cheap = Shopper.cheapestProduct(gateway);
		String expensive = Shopper.productPricedAtLeast(gateway, 250);

		Map<String, Shopper> accepted = new ConcurrentHashMap<>();
		Map<String, Integer> refused = new ConcurrentHashMap<>();
		AtomicInteger attempts = new AtomicInteger();
		Instant started = Instant.now();
		// A steady rate, so that the faults below fall in the middle of it.
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<?>> sent = new ArrayList<>();
		AtomicInteger next = new AtomicInteger();
		CompletableFuture<Instant> allSent = new CompletableFuture<>();
		pacer.scheduleAtFixedRate(() -> {
			int n = next.getAndIncrement();
			if (n >= ORDERS) {
				allSent.complete(Instant.now());
				return;
			}
			Shopper shopper = shoppers.get(n % USERS);
			boolean overLimit = n % 10 == 0;
			synchronized (sent) {
				sent.add(senders.submit(() -> {
					try {
						Gateway.Response placed = shopper.placePatiently(overLimit ? expensive : cheap,
								overLimit ? 5 : 1, attempts);
						// 201 placed; 200 placed by an earlier attempt whose answer was
						// lost.
						if (placed.status() == 201 || placed.status() == 200) {
							accepted.put(placed.json().path("id").asString(), shopper);
						}
						else {
							refused.merge("HTTP " + placed.status(), 1, Integer::sum);
						}
					}
					catch (ConditionTimeoutException ex) {
						// Still refused or unanswered after the client's patience: the
						// order may or may not exist.
						refused.merge("gave up", 1, Integer::sum);
					}
				}));
			}
		}, 0, 1_000_000 / ORDERS_PER_SECOND, TimeUnit.MICROSECONDS);

		// The faults while the orders come in: payment-service crashes and stays down
		// through the broker's first restart, then the broker restarts twice more.
		// (./platform runs one command at a time.)
		Platform.kill("payment-service");
		Platform.restart("kafka");
		Platform.start("payment-service");
		Platform.restart("kafka");
		Platform.restart("kafka");
		Instant faultsOver = Instant.now();

		Instant lastSent = allSent.get(5, TimeUnit.MINUTES);
		pacer.shutdownNow();
		synchronized (sent) {
			for (Future<?> each : sent) {
				// A client's patience (60 s of repeats) and its last request's 15 s.
				each.get(2, TimeUnit.MINUTES);
			}
		}
		senders.shutdown();
		Instant lastAccepted = Instant.now();

		// The shop keeps taking orders through the faults. What it cannot take at once is
		// refused fast (an open breaker, a full bulkhead, a time limit) with Retry-After,
		// and the client tries again with the same Idempotency-Key, which never places an
		// order twice: every order is accepted in the end.
		assertThat(refused).as("orders not accepted; %d accepted in %d requests", accepted.size(), attempts.get())
			.isEmpty();
		assertThat(accepted).hasSize(ORDERS);

		await().atMost(SETTLE_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> pending(shoppers) == 0);
		Instant settled = Instant.now();

		// Every stored order, acknowledged or not, ends final and is paid exactly once;
		// every acknowledged one is among them.
		Map<String, Integer> statuses = new HashMap<>();
		int stored = 0;
		for (Shopper shopper : shoppers) {
			for (JsonNode order : shopper.get("/api/orders?size=100")) {
				String id = order.path("id").asString();
				JsonNode payments = shopper.get("/api/payments?orderId=" + id);
				assertThat(payments.size()).as("payments of order %s", id).isEqualTo(1);
				String expected = payments.get(0).path("status").asString().equals("AUTHORIZED") ? "CONFIRMED"
						: "CANCELLED";
				assertThat(order.path("status").asString()).as("order %s", id).isEqualTo(expected);
				statuses.merge(expected, 1, Integer::sum);
				accepted.remove(id);
				stored++;
			}
		}
		assertThat(accepted).as("acknowledged orders that were lost").isEmpty();

		report(started, lastSent, faultsOver, lastAccepted, settled, stored, statuses, attempts.get());
	}

	private static long pending(List<Shopper> shoppers) {
		long pending = 0;
		for (Shopper shopper : shoppers) {
			for (JsonNode order : shopper.get("/api/orders?size=100")) {
				if (order.path("status").asString().equals("PENDING")) {
					pending++;
				}
			}
		}
		return pending;
	}

	private static void report(Instant started, Instant lastSent, Instant faultsOver, Instant lastAccepted,
			Instant settled, int stored, Map<String, Integer> statuses, int requests) throws IOException {
		String report = """
				saga under faults: %d orders sent at %d/s, Kafka restarted 3 times, payment-service killed once
				  orders stored:                   %d %s, each paid exactly once
				  requests sent (with repeats):    %d
				  the last order was first sent:   %.1f s after the first
				  the faults were over:            %.1f s after the first order
				  the last order was accepted:     %.1f s after the first
				  settled after the last order in: %.1f s
				  first order to all settled:      %.1f s
				""".formatted(ORDERS, ORDERS_PER_SECOND, stored, statuses, requests, seconds(started, lastSent),
				seconds(started, faultsOver), seconds(started, lastAccepted), seconds(lastAccepted, settled),
				seconds(started, settled));
		System.out.print(report);
		Path file = Path.of(System.getProperty("platform.home", "target/platform-home")).resolve("saga-faults.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

}
