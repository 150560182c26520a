package dev.microshop.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.h2.H2Backend;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The queries the services run, with the indexes they declare, over the wire: each read
 * from the index it should use, each answering what the library's scanning backend
 * answers.
 */
class IndexedH2BackendTests {

	private static final int USERS = 30;

	private static final int ORDERS = 400;

	private final Random random = new Random(12);

	private WireServers servers;

	@TempDir
	Path dataDir;

	@BeforeEach
	void startServers() {
		this.servers = new WireServers();
	}

	@AfterEach
	void stopServers() {
		this.servers.close();
	}

	@Test
	void everyQueryOfTheServicesReadsItsIndexAndAnswersAsAScan() {
		both((client) -> {
			WireServers.declareIndexes(client);
			return null;
		});
		List<Document> orders = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			orders.add(order(i));
		}
		both((client) -> {
			seed(client, orders);
			return null;
		});

		for (int i = 0; i < 40; i++) {
			Document order = orders.get(this.random.nextInt(ORDERS));
			String id = order.getString("_id");
			String user = order.getString("userId");
			Object key = order.get("idempotencyKey");
			Bson unchanged = and(eq("_id", id), eq("status", "PENDING"));
			assertThat(this.servers.indexFor("orders", new Document("_id", id).append("status", "PENDING"), null))
				.isEqualTo("_id_");
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("orders")
				.updateOne(unchanged,
						Updates.combine(Updates.set("status", "CONFIRMED"),
								Updates.push("outbox", new Document("eventId", "confirmed-" + id))))
				.getModifiedCount());
			assertSameDocuments("orders", (orders1) -> orders1.find(unchanged).into(new ArrayList<>()));
			assertSameDocuments("orders",
					(orders1) -> orders1.find(and(eq("_id", id), eq("userId", user))).into(new ArrayList<>()));
			assertSameDocuments("orders", (orders1) -> orders1.find(and(eq("_id", id), eq("userId", "someone-else")))
				.into(new ArrayList<>()));
			assertSameDocuments("orders",
					(orders1) -> orders1.find(eq("userId", user))
						.sort(descending("createdAt", "_id"))
						.skip(2)
						.limit(5)
						.into(new ArrayList<>()));
			assertSameDocuments("orders", (orders1) -> orders1.find(eq("idempotencyKey", key)).into(new ArrayList<>()));
			assertSameDocuments("payments",
					(payments) -> payments.find(eq("orderId", id)).limit(1).into(new ArrayList<>()));
			assertSameDocuments("payments",
					(payments) -> payments.find(eq("userId", user))
						.sort(descending("createdAt"))
						.into(new ArrayList<>()));
			assertSameDocuments("payments",
					(payments) -> payments.find(and(eq("userId", user), eq("orderId", id)))
						.sort(descending("createdAt"))
						.into(new ArrayList<>()));
			assertSameDocuments("notifications",
					(notifications) -> notifications.find(eq("userId", user))
						.sort(descending("createdAt"))
						.limit(10)
						.into(new ArrayList<>()));
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("notifications")
				.countDocuments(and(eq("userId", user), eq("read", false))));
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("orders")
				.aggregate(List.of(Aggregates.match(eq("userId", user)),
						Aggregates.group("$status", Accumulators.sum("orders", 1)),
						Aggregates.sort(Sorts.ascending("_id"))))
				.into(new ArrayList<>()));
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("orders")
				.aggregate(List.of(Aggregates.match(eq("userId", user)),
						Aggregates.lookup("payments", "_id", "orderId", "payments"),
						Aggregates.sort(Sorts.ascending("_id"))))
				.into(new ArrayList<>()));
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("notifications")
				.updateOne(and(eq("_id", "n1-" + id), eq("userId", user)), Updates.set("read", true))
				.getMatchedCount());
			assertSameDocuments("users",
					(users) -> users.find(eq("email", user + "@example.com")).into(new ArrayList<>()));
			assertSameDocuments("orders", (orders1) -> WireServers.byId(outboxSweep(orders1)));
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("orders")
				.updateOne(eq("_id", id), Updates.pull("outbox", new Document("eventId", "placed-" + id)))
				.getModifiedCount());
		}
		assertSameDocuments("products",
				(products) -> products.find(in("_id", "p1", "p2", "p9")).into(new ArrayList<>()));
		for (String product : List.of("p1", "p9")) {
			assertSame((client) -> client.getDatabase("shop")
				.getCollection("products")
				.updateOne(eq("_id", product), Updates.setOnInsert("name", "Product " + product),
						new UpdateOptions().upsert(true))
				.getUpsertedId() != null);
		}

		String user = "user-3";
		assertThat(this.servers.indexFor("orders", new Document("_id", "o").append("userId", user), null))
			.isEqualTo("_id_");
		assertThat(this.servers.indexFor("orders", new Document("userId", user),
				new Document("createdAt", -1).append("_id", -1)))
			.isEqualTo("user_created");
		assertThat(this.servers.collection("orders")
			.plan(new de.bwaldvogel.mongo.bson.Document("userId", user),
					new de.bwaldvogel.mongo.bson.Document("createdAt", -1).append("_id", -1))
			.ordered()).as("newest first read in index order").isTrue();
		assertThat(this.servers.indexFor("orders", new Document("idempotencyKey", "u:k"), null))
			.isEqualTo("idempotency_key");
		assertThat(this.servers.indexFor("orders", new Document("outbox.0", new Document("$exists", true)), null))
			.isEqualTo(IndexedH2Database.OUTBOX_PENDING);
		assertThat(this.servers.indexFor("payments", new Document("orderId", "o"), null)).isEqualTo("orderId");
		assertThat(this.servers.indexFor("payments", new Document("userId", user), new Document("createdAt", -1)))
			.isEqualTo("user_created");
		assertThat(this.servers.indexFor("notifications", new Document("userId", user), new Document("createdAt", -1)))
			.isEqualTo("user_created");
		assertThat(this.servers.indexFor("notifications", new Document("userId", user).append("read", false), null))
			.isEqualTo("user_read");
		assertThat(this.servers.indexFor("notifications", new Document("_id", "n").append("userId", user), null))
			.isEqualTo("_id_");
		assertThat(this.servers.indexFor("users", new Document("email", "a@example.com"), null))
			.isEqualTo("email_unique");
		assertThat(this.servers.indexFor("orders", new Document("status", "PENDING"), null)).as("no index on status")
			.isEqualTo("scan");
		assertThat(this.servers.indexFor("orders",
				new Document("$and", List.of(new Document("_id", "o"), new Document("status", "PENDING"))), null))
			.as("the driver's and(eq(...), eq(...))")
			.isEqualTo("_id_");
	}

	@Test
	void aUniqueIndexStillRefusesDuplicates() {
		MongoCollection<Document> users = this.servers.indexed("users");
		users.createIndex(new Document("email", 1), new IndexOptions().unique(true).name("email_unique"));
		users.createIndex(new Document("displayName", 1));
		users.insertOne(new Document("_id", "u1").append("email", "a@example.com").append("displayName", "A"));
		users.insertOne(new Document("_id", "u2").append("email", "b@example.com").append("displayName", "A"));

		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> users.insertOne(new Document("_id", "u3").append("email", "a@example.com")))
			.satisfies((ex) -> assertThat(ex.getError().getCode()).isEqualTo(11000));
		assertThatExceptionOfType(MongoWriteException.class)
			.isThrownBy(() -> users.updateOne(eq("_id", "u2"), Updates.set("email", "a@example.com")))
			.satisfies((ex) -> assertThat(ex.getError().getCode()).isEqualTo(11000));
		assertThat(users.find(eq("displayName", "A")).into(new ArrayList<>())).extracting((user) -> user.get("email"))
			.containsExactlyInAnyOrder("a@example.com", "b@example.com");
		assertThat(users.countDocuments()).isEqualTo(2);
	}

	@Test
	void dataAndIndexesAreThereAfterARestartAndDataOfTheLibrarysBackendOpens() throws Exception {
		String file = this.dataDir.resolve("mongodb.mv.db").toString();
		List<AutoCloseable> closing = new ArrayList<>();
		try {
			// Written by the library's own backend, as ./platform did before.
			MongoClient plain = WireServers.client(new H2Backend(MVStore.open(file)), closing);
			WireServers.declareIndexes(plain);
			seed(plain, List.of(order(1), order(2), order(3)));
		}
		finally {
			closeAll(closing);
		}
		for (int restart = 0; restart < 2; restart++) {
			IndexedH2Backend backend = new IndexedH2Backend(MVStore.open(file));
			try {
				MongoClient client = WireServers.client(backend, closing);
				MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
				String user = order(2).getString("userId");
				assertThat(orders.find(eq("userId", user)).sort(descending("createdAt", "_id")).into(new ArrayList<>()))
					.extracting((order) -> order.get("_id"))
					.contains("order-2");
				assertThat(outboxSweep(orders)).hasSize(3 + restart);
				orders.insertOne(order(10 + restart));
				IndexedH2Collection stored = (IndexedH2Collection) backend.resolveDatabase("shop")
					.resolveCollection("orders", true);
				assertThat(stored.plan(new de.bwaldvogel.mongo.bson.Document("userId", user), null).index().getName())
					.isEqualTo("user_created");
				assertThat(client.getDatabase("shop").getCollection("orders").listIndexes().into(new ArrayList<>()))
					.extracting((index) -> index.get("name"))
					.containsExactlyInAnyOrder("_id_", "user_created", "idempotency_key");
			}
			finally {
				closeAll(closing);
			}
		}
	}

	@Test
	void aCollectionWithItsOwnIndexesCanBeDroppedAndCreatedAgain() {
		MongoCollection<Document> orders = this.servers.indexed("orders");
		WireServers.declareIndexes(this.servers.indexed);
		orders.insertOne(order(1));
		orders.drop();
		assertThat(orders.countDocuments()).isZero();
		orders.insertOne(order(2));
		assertThat(outboxSweep(orders)).extracting((order) -> order.get("_id")).containsExactly("order-2");
	}

	private static void closeAll(List<AutoCloseable> closing) throws Exception {
		for (AutoCloseable each : closing.reversed()) {
			each.close();
		}
		closing.clear();
	}

	private static List<Document> outboxSweep(MongoCollection<Document> orders) {
		return orders.find(exists("outbox.0"))
			.limit(200)
			.projection(Projections.include("outbox"))
			.into(new ArrayList<>());
	}

	private Document order(int i) {
		String user = "user-" + (i % USERS);
		// Some orders share a millisecond: the id breaks the tie, as in order-service.
		Date createdAt = new Date(1_700_000_000_000L + (i / 3) * 1000L);
		Document order = new Document("_id", "order-" + i).append("userId", user)
			.append("status", (i % 4 == 0) ? "CONFIRMED" : "PENDING")
			.append("lines", List.of(new Document("productId", "p" + (i % 7)).append("quantity", 1 + i % 3)))
			.append("totalMinor", 1000L + i)
			.append("createdAt", createdAt);
		if (i % 2 == 0) {
			order.append("idempotencyKey", user + ":key-" + i);
		}
		return order.append("outbox", List.of(new Document("eventId", "placed-order-" + i).append("topic", "orders")));
	}

	private static void seed(MongoClient client, List<Document> orders) {
		var shop = client.getDatabase("shop");
		for (Document order : orders) {
			String id = order.getString("_id");
			String user = order.getString("userId");
			Date createdAt = order.getDate("createdAt");
			shop.getCollection("orders").insertOne(Document.parse(order.toJson()).append("createdAt", createdAt));
			if (id.hashCode() % 2 == 0) {
				shop.getCollection("payments")
					.insertOne(new Document("_id", "pay-" + id).append("orderId", id)
						.append("userId", user)
						.append("createdAt", createdAt)
						.append("outbox", List.of()));
			}
			shop.getCollection("notifications")
				.insertMany(List.of(
						new Document("_id", "n1-" + id).append("userId", user)
							.append("read", false)
							.append("createdAt", new Date(createdAt.getTime() + 1)),
						new Document("_id", "n2-" + id).append("userId", user)
							.append("read", id.length() % 2 == 0)
							.append("createdAt", new Date(createdAt.getTime() + 2))));
		}
		for (int i = 0; i < USERS; i++) {
			shop.getCollection("users")
				.insertOne(new Document("_id", "user-" + i).append("email", "user-" + i + "@example.com"));
		}
		shop.getCollection("products")
			.insertMany(List.of(new Document("_id", "p1").append("name", "One"),
					new Document("_id", "p2").append("name", "Two")));
	}

	private <T> T both(Function<MongoClient, T> operation) {
		T indexed = operation.apply(this.servers.indexed);
		T scan = operation.apply(this.servers.scan);
		assertThat(indexed).isEqualTo(scan);
		return indexed;
	}

	private <T> void assertSame(Function<MongoClient, T> operation) {
		both(operation);
	}

	private void assertSameDocuments(String collection, Function<MongoCollection<Document>, List<Document>> query) {
		List<Document> indexed = query.apply(this.servers.indexed(collection));
		List<Document> scan = query.apply(this.servers.scan(collection));
		assertThat(indexed).isEqualTo(scan);
	}

}
