package dev.microshop.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Writes users and their order history straight into the services' databases on the Mongo
 * wire server, in batches, in the services' own document formats (the records of each
 * service's {@code persistence} package, as Spring Data maps them, with their
 * {@code _class}): users with a password hash they can sign in with, their recipient
 * entries and welcome notifications; orders in every status with their payments and
 * notifications, spread over the past year, as if the saga had run for each.
 * <p>
 * Every seeded user's password is {@value SagaBenchmark#PASSWORD}. Its bcrypt hash has
 * cost 4 instead of the services' 10: a valid hash of the same size, which user-service
 * checks like any other, so that signing in 1,000 seeded users for the gateway benchmark
 * takes seconds, not minutes.
 */
final class Seeder {

	static final String USER_CLASS = "dev.microshop.user.persistence.UserDocument";

	static final String RECIPIENT_CLASS = "dev.microshop.notification.persistence.MongoRecipientRepository$RecipientDocument";

	static final String NOTIFICATION_CLASS = "dev.microshop.notification.persistence.NotificationDocument";

	static final String ORDER_CLASS = "dev.microshop.order.ordering.persistence.OrderDocument";

	static final String PAYMENT_CLASS = "dev.microshop.payment.persistence.PaymentDocument";

	/** The starter catalog: id, name, price in cents (order-service's CatalogSeeder). */
	private static final Object[][] PRODUCTS = { { "coffee-beans", "Coffee beans, 250 g", 1290L },
			{ "ceramic-mug", "Ceramic mug", 450L }, { "milk-frother", "Milk frother", 2900L },
			{ "coffee-grinder", "Burr coffee grinder", 7900L },
			{ "mechanical-keyboard", "Mechanical keyboard", 25000L },
			{ "espresso-machine", "Espresso machine", 34900L } };

	/** payment-service's default limit: larger totals are declined. */
	private static final long PAYMENT_LIMIT_MINOR = 100000;

	private static final int BATCH = 1000;

	private static final Duration HISTORY = Duration.ofDays(365);

	private final Random random = new Random(12);

	private final String passwordHash = "{bcrypt}" + BCrypt.hashpw(SagaBenchmark.PASSWORD, BCrypt.gensalt(4));

	private final MongoClient mongo;

	private final Instant now = Instant.now();

	private final ExecutorService writers = Executors.newFixedThreadPool(3);

	private final Semaphore inFlight = new Semaphore(6);

	private final Queue<Future<?>> writes = new ConcurrentLinkedQueue<>();

	Seeder(String uri) {
		this.mongo = MongoClients.create(uri);
	}

	/**
	 * A seeded user.
	 *
	 * @param id the user id
	 * @param email the address to sign in with
	 */
	record User(String id, String email) {

	}

	/**
	 * Creates the indexes the services declare (their {@code @Indexed} and
	 * {@code @CompoundIndex} annotations), before any document is written: a database
	 * that grew with the services had them all along, and the services then find them at
	 * start-up instead of building them over the seeded data. (Building them there, on
	 * the embedded server's H2 store, also failed with "Chunk N not found" in two of
	 * three start-ups after seeding 5,000 to 100,000 orders.)
	 */
	void indexes() {
		collection("users", "users").createIndex(Indexes.ascending("email"),
				new IndexOptions().name("email_unique").unique(true));
		collection("orders", "orders").createIndex(Indexes.ascending("idempotencyKey"),
				new IndexOptions().name("idempotency_key").unique(true).sparse(true));
		collection("orders", "orders").createIndex(Indexes.compoundIndex(Indexes.ascending("userId"),
				Indexes.descending("createdAt"), Indexes.descending("_id")), new IndexOptions().name("user_created"));
		collection("payments", "payments").createIndex(Indexes.ascending("orderId"),
				new IndexOptions().name("orderId").unique(true));
		collection("payments", "payments").createIndex(
				Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("createdAt")),
				new IndexOptions().name("user_created"));
		collection("notifications", "notifications").createIndex(
				Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("createdAt")),
				new IndexOptions().name("user_created"));
		collection("notifications", "notifications").createIndex(
				Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.ascending("read")),
				new IndexOptions().name("user_read"));
	}

	/**
	 * Writes users named {@code <prefix>-<n>@example.com}, each registered at a random
	 * time of the past year, with a recipient entry and a welcome notification.
	 */
	List<User> users(int count, String prefix) {
		List<User> users = new ArrayList<>(count);
		Batch userDocuments = new Batch(collection("users", "users"));
		Batch recipients = new Batch(collection("notifications", "recipients"));
		Batch notifications = new Batch(collection("notifications", "notifications"));
		for (int n = 0; n < count; n++) {
			String id = UUID.randomUUID().toString();
			String email = prefix + "-" + n + "@example.com";
			String name = "Shopper " + n;
			Date registered = Date.from(this.now.minus(HISTORY).plusMillis(this.random.nextLong(HISTORY.toMillis())));
			userDocuments.add(new Document("_id", id).append("email", email)
				.append("displayName", name)
				.append("passwordHash", this.passwordHash)
				.append("roles", List.of("USER"))
				.append("createdAt", registered)
				.append("outbox", List.of())
				.append("_class", USER_CLASS));
			recipients.add(new Document("_id", id).append("email", email)
				.append("displayName", name)
				.append("_class", RECIPIENT_CLASS));
			notifications.add(notification(id, "WELCOME", "Welcome to microshop, " + name + "!", null, registered));
			users.add(new User(id, email));
		}
		userDocuments.flush();
		recipients.flush();
		notifications.flush();
		return users;
	}

	/**
	 * Writes orders of random users, in creation order over the past year: 90 % confirmed
	 * (an authorized payment and a notification), 8 % cancelled (over the payment limit:
	 * a declined payment and a notification), 2 % still pending; a third placed with an
	 * idempotency key.
	 */
	void orders(int count, List<User> users) {
		Batch orders = new Batch(collection("orders", "orders"));
		Batch payments = new Batch(collection("payments", "payments"));
		Batch notifications = new Batch(collection("notifications", "notifications"));
		Instant first = this.now.minus(HISTORY);
		long step = HISTORY.toMillis() / Math.max(1, count);
		for (int n = 0; n < count; n++) {
			User user = users.get(this.random.nextInt(users.size()));
			Instant created = first.plusMillis(n * step + this.random.nextLong(Math.max(1, step)));
			Date createdAt = Date.from(created);
			int roll = this.random.nextInt(100);
			String status = (roll < 90) ? "CONFIRMED" : (roll < 98) ? "CANCELLED" : "PENDING";
			List<Document> lines = new ArrayList<>();
			long total = 0;
			if (status.equals("CANCELLED")) {
				total += line(lines, PRODUCTS[5], 3);
			}
			else {
				int count2 = 1 + this.random.nextInt(3);
				for (int l = 0; l < count2; l++) {
					total += line(lines, PRODUCTS[this.random.nextInt(4)], 1 + this.random.nextInt(3));
				}
			}
			ObjectId orderId = new ObjectId(createdAt);
			String id = orderId.toHexString();
			Document order = new Document("_id", orderId).append("userId", user.id())
				.append("status", status)
				.append("lines", lines)
				.append("totalMinor", total)
				.append("currency", "EUR")
				.append("createdAt", createdAt);
			if (this.random.nextInt(3) == 0) {
				order.append("idempotencyKey", user.id() + ":" + UUID.randomUUID());
			}
			orders.add(order.append("outbox", List.of()).append("_class", ORDER_CLASS));
			if (status.equals("PENDING")) {
				continue;
			}
			Date settledAt = Date.from(created.plusMillis(20 + this.random.nextInt(200)));
			boolean authorized = total <= PAYMENT_LIMIT_MINOR;
			String amount = amount(total);
			Document payment = new Document("_id", UUID.randomUUID().toString()).append("orderId", id)
				.append("userId", user.id())
				.append("amountMinor", total)
				.append("currency", "EUR")
				.append("status", authorized ? "AUTHORIZED" : "DECLINED");
			String reason = "The amount " + amount + " EUR is above the payment limit of 1000.00 EUR";
			if (!authorized) {
				payment.append("reason", reason);
			}
			payments.add(
					payment.append("createdAt", settledAt).append("outbox", List.of()).append("_class", PAYMENT_CLASS));
			notifications.add(authorized
					? notification(user.id(), "ORDER_CONFIRMED",
							"Your order " + id + " is confirmed: " + amount + " EUR.", id, settledAt)
					: notification(user.id(), "ORDER_CANCELLED", "Your order " + id + " was cancelled: " + reason, id,
							settledAt));
		}
		orders.flush();
		payments.flush();
		notifications.flush();
	}

	private long line(List<Document> lines, Object[] product, int quantity) {
		lines.add(new Document("productId", product[0]).append("name", product[1])
			.append("unitPriceMinor", product[2])
			.append("currency", "EUR")
			.append("quantity", quantity));
		return (long) product[2] * quantity;
	}

	private Document notification(String userId, String type, String message, String orderId, Date createdAt) {
		Document notification = new Document("_id", UUID.randomUUID().toString()).append("userId", userId)
			.append("type", type)
			.append("message", message);
		if (orderId != null) {
			notification.append("orderId", orderId);
		}
		// Most of a year's notifications have been read.
		return notification.append("read", this.random.nextInt(10) != 0)
			.append("createdAt", createdAt)
			.append("_class", NOTIFICATION_CLASS);
	}

	private static String amount(long minor) {
		return String.format("%d.%02d", minor / 100, minor % 100);
	}

	private MongoCollection<Document> collection(String database, String collection) {
		return this.mongo.getDatabase(database).getCollection(collection);
	}

	void close() {
		this.writers.shutdownNow();
		this.mongo.close();
	}

	/**
	 * Documents written {@value #BATCH} at a time, a few batches at once so that the
	 * server stores one while the next is built and sent.
	 */
	private final class Batch {

		private final MongoCollection<Document> collection;

		private List<Document> pending = new ArrayList<>(BATCH);

		Batch(MongoCollection<Document> collection) {
			this.collection = collection;
		}

		void add(Document document) {
			this.pending.add(document);
			if (this.pending.size() == BATCH) {
				send();
			}
		}

		private void send() {
			List<Document> documents = this.pending;
			this.pending = new ArrayList<>(BATCH);
			Seeder.this.inFlight.acquireUninterruptibly();
			Seeder.this.writes.add(Seeder.this.writers.submit(() -> {
				try {
					this.collection.insertMany(documents, new InsertManyOptions().ordered(false));
				}
				finally {
					Seeder.this.inFlight.release();
				}
			}));
		}

		/**
		 * Sends what is left and waits until every batch of every collection is stored.
		 */
		void flush() {
			if (!this.pending.isEmpty()) {
				send();
			}
			Seeder.this.awaitWrites();
		}

	}

	private void awaitWrites() {
		for (Future<?> write = this.writes.poll(); write != null; write = this.writes.poll()) {
			try {
				write.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while seeding", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A batch was not stored", ex.getCause());
			}
		}
	}

}
