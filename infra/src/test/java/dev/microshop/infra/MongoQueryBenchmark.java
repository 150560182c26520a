package dev.microshop.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Sorts.descending;

/**
 * The services' queries against the embedded MongoDB server, timed: not a test, a main.
 * <p>
 * {@code serve plain|indexed FILE PORT [CACHE_MB]} runs a server (the library's H2
 * backend, as before, or {@link IndexedH2Backend}) until stopped;
 * {@code seed PORT ORDERS} stores ORDERS orders with their payments, two notifications
 * each and a user per ten orders, with the services' indexes;
 * {@code run PORT ORDERS SECONDS [SERVER_PID]} times each query shape in a loop on one
 * connection and prints microseconds per operation, wall and the server's CPU.
 */
public final class MongoQueryBenchmark {

	private MongoQueryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "serve" ->
				serve(args[1], args[2], Integer.parseInt(args[3]), (args.length > 4) ? Integer.parseInt(args[4]) : 16);
			case "seed" -> seed(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			case "run" -> run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					(args.length > 4) ? Long.parseLong(args[4]) : -1);
			default -> throw new IllegalArgumentException("serve, seed or run");
		}
	}

	private static void serve(String backend, String file, int port, int cacheMegabytes) throws InterruptedException {
		long started = System.nanoTime();
		MVStore store = new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open();
		MongoServer server = new MongoServer(
				backend.equals("indexed") ? new IndexedH2Backend(store) : new H2Backend(store));
		server.bind("127.0.0.1", port);
		double opened = (System.nanoTime() - started) / 1e9;
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("serving %s on %d, opened in %.2f s, heap used after GC %d MiB%n", backend, port, opened,
				(runtime.totalMemory() - runtime.freeMemory()) >> 20);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static MongoDatabase shop(MongoClient client) {
		return client.getDatabase("shop");
	}

	private static void seed(int port, int orders) {
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			MongoDatabase shop = shop(client);
			WireServers.declareIndexes(client);
			long started = System.nanoTime();
			List<Document> batch = new ArrayList<>();
			for (int i = 0; i < Math.max(1, orders / 10); i++) {
				batch.add(new Document("_id", "user-" + i).append("email", "user-" + i + "@example.com")
					.append("displayName", "User " + i)
					.append("passwordHash", "x".repeat(60))
					.append("roles", List.of("CUSTOMER"))
					.append("createdAt", new Date())
					.append("outbox", List.of()));
				flush(shop, "users", batch, false);
			}
			flush(shop, "users", batch, true);
			List<Document> payments = new ArrayList<>();
			List<Document> notifications = new ArrayList<>();
			for (int i = 0; i < orders; i++) {
				Document order = order(i, users(orders));
				batch.add(order);
				Date createdAt = order.getDate("createdAt");
				payments.add(new Document("_id", "pay-" + i).append("orderId", order.getString("_id"))
					.append("userId", order.getString("userId"))
					.append("amountMinor", 2599L)
					.append("currency", "EUR")
					.append("status", "AUTHORIZED")
					.append("createdAt", createdAt)
					.append("outbox", List.of()));
				for (int n = 1; n <= 2; n++) {
					notifications.add(new Document("_id", "n" + n + "-" + i).append("userId", order.getString("userId"))
						.append("type", (n == 1) ? "ORDER_PLACED" : "ORDER_CONFIRMED")
						.append("message", "Your order " + order.getString("_id") + " was placed")
						.append("orderId", order.getString("_id"))
						.append("read", n == 1)
						.append("createdAt", new Date(createdAt.getTime() + n)));
				}
				flush(shop, "orders", batch, false);
				flush(shop, "payments", payments, false);
				flush(shop, "notifications", notifications, false);
			}
			flush(shop, "orders", batch, true);
			flush(shop, "payments", payments, true);
			flush(shop, "notifications", notifications, true);
			System.out.printf("seeded %d orders in %.1f s%n", orders, (System.nanoTime() - started) / 1e9);
		}
	}

	private static int users(int orders) {
		return Math.max(1, orders / 10);
	}

	private static void flush(MongoDatabase shop, String collection, List<Document> batch, boolean last) {
		if (batch.size() >= 1000 || (last && !batch.isEmpty())) {
			shop.getCollection(collection).insertMany(batch);
			batch.clear();
		}
	}

	private static Document order(int i, int users) {
		String user = "user-" + (i % users);
		return new Document("_id", String.format("order-%08d", i)).append("userId", user)
			.append("status", "CONFIRMED")
			.append("lines",
					List.of(new Document("productId", "p" + (i % 7)).append("name", "Product")
						.append("unitPriceMinor", 2599L)
						.append("currency", "EUR")
						.append("quantity", 1)))
			.append("totalMinor", 2599L)
			.append("currency", "EUR")
			.append("createdAt", new Date(1_700_000_000_000L + i * 1000L))
			.append("idempotencyKey", user + ":key-" + i)
			.append("outbox", List.of());
	}

	private static void run(int port, int orders, int seconds, long serverPid) {
		Random random = new Random(1);
		int users = users(orders);
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			MongoDatabase shop = shop(client);
			var ordersCollection = shop.getCollection("orders");
			var payments = shop.getCollection("payments");
			var notifications = shop.getCollection("notifications");
			var usersCollection = shop.getCollection("users");
			Map<String, Runnable> shapes = new LinkedHashMap<>();
			int[] placed = { 0 };
			shapes.put("place order (insert)", () -> {
				Document order = order(orders + 1_000_000 + placed[0]++, users);
				order.put("status", "PENDING");
				order.put("outbox", List.of(new Document("eventId", "e-" + placed[0]).append("payload", "{}")));
				ordersCollection.insertOne(order);
			});
			shapes.put("transition {_id, status}", () -> {
				String id = String.format("order-%08d", orders + 1_000_000 + random.nextInt(Math.max(1, placed[0])));
				ordersCollection.updateOne(and(eq("_id", id), eq("status", "PENDING")),
						Updates.combine(Updates.set("status", "CONFIRMED"),
								Updates.push("outbox", new Document("eventId", "c-" + id))));
			});
			shapes.put("outbox sweep {outbox.0 exists}",
					() -> ordersCollection.find(exists("outbox.0"))
						.limit(200)
						.projection(Projections.include("outbox"))
						.into(new ArrayList<>()));
			shapes.put("outbox $pull by _id", () -> {
				String id = String.format("order-%08d", orders + 1_000_000 + random.nextInt(Math.max(1, placed[0])));
				ordersCollection.updateOne(eq("_id", id), Updates.pullByFilter(new Document("outbox", new Document())));
			});
			shapes.put("order by {_id, userId}", () -> {
				int i = random.nextInt(Math.max(1, orders));
				ordersCollection
					.find(and(eq("_id", String.format("order-%08d", i)), eq("userId", "user-" + (i % users))))
					.first();
			});
			shapes.put("my orders newest first, 20",
					() -> ordersCollection.find(eq("userId", "user-" + random.nextInt(users)))
						.sort(descending("createdAt", "_id"))
						.limit(20)
						.into(new ArrayList<>()));
			shapes.put("order by idempotencyKey", () -> {
				int i = random.nextInt(Math.max(1, orders));
				ordersCollection.find(eq("idempotencyKey", "user-" + (i % users) + ":key-" + i)).first();
			});
			shapes.put("payment exists {orderId}",
					() -> payments.find(eq("orderId", String.format("order-%08d", random.nextInt(Math.max(1, orders)))))
						.limit(1)
						.first());
			shapes.put("my payments newest first",
					() -> payments.find(eq("userId", "user-" + random.nextInt(users)))
						.sort(descending("createdAt"))
						.into(new ArrayList<>()));
			shapes.put("my notifications, 20",
					() -> notifications.find(eq("userId", "user-" + random.nextInt(users)))
						.sort(descending("createdAt"))
						.limit(20)
						.into(new ArrayList<>()));
			shapes.put("unread count {userId, read}", () -> notifications
				.countDocuments(and(eq("userId", "user-" + random.nextInt(users)), eq("read", false))));
			shapes.put("mark read {_id, userId}", () -> {
				int i = random.nextInt(Math.max(1, orders));
				notifications.updateOne(and(eq("_id", "n2-" + i), eq("userId", "user-" + (i % users))),
						Updates.set("read", true));
			});
			shapes.put("user by email",
					() -> usersCollection.find(eq("email", "user-" + random.nextInt(users) + "@example.com")).first());
			System.out.printf("%-34s %12s %14s %10s%n", "query (" + orders + " orders)", "µs/op", "server CPU µs/op",
					"ops");
			for (Map.Entry<String, Runnable> shape : shapes.entrySet()) {
				time(shape.getValue(), Duration.ofMillis(300));
				long cpuBefore = cpuMicros(serverPid);
				long[] result = time(shape.getValue(), Duration.ofSeconds(seconds));
				long cpu = cpuMicros(serverPid) - cpuBefore;
				System.out.printf("%-34s %12.1f %14.1f %10d%n", shape.getKey(), result[0] / 1e3 / result[1],
						(serverPid > 0) ? (double) cpu / result[1] : Double.NaN, result[1]);
			}
		}
	}

	/**
	 * User and system CPU time of a process in microseconds, from /proc (100 ticks/s).
	 */
	private static long cpuMicros(long pid) {
		if (pid <= 0) {
			return 0;
		}
		try {
			String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Nanoseconds spent and operations done in about the given time. */
	private static long[] time(Runnable operation, Duration duration) {
		long started = System.nanoTime();
		long deadline = started + duration.toNanos();
		long operations = 0;
		long now = started;
		while (now < deadline) {
			operation.run();
			operations++;
			now = System.nanoTime();
		}
		return new long[] { now - started, operations };
	}

}
