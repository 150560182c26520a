package dev.microshop.infra;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Two wire servers fed the same operations: one with {@link IndexedH2Backend}, one with
 * the library's own H2 backend, which scans. Whatever the first answers, the second must
 * answer too.
 */
final class WireServers implements AutoCloseable {

	final IndexedH2Backend indexedBackend = new IndexedH2Backend(MVStore.open(null));

	private final MongoServer indexedServer = new MongoServer(this.indexedBackend);

	private final MongoServer scanServer = new MongoServer(new H2Backend(MVStore.open(null)));

	final MongoClient indexed = client(this.indexedServer);

	final MongoClient scan = client(this.scanServer);

	private static MongoClient client(MongoServer server) {
		InetSocketAddress address = server.bind();
		return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
	}

	static MongoClient client(MongoBackend backend, List<AutoCloseable> closing) {
		MongoServer server = new MongoServer(backend);
		MongoClient client = client(server);
		closing.add(server::shutdownNow);
		closing.add(client);
		return client;
	}

	MongoCollection<Document> indexed(String collection) {
		return this.indexed.getDatabase("shop").getCollection(collection);
	}

	MongoCollection<Document> scan(String collection) {
		return this.scan.getDatabase("shop").getCollection(collection);
	}

	/** The server-side collection of the indexed server, to ask how it reads a query. */
	IndexedH2Collection collection(String name) {
		return (IndexedH2Collection) this.indexedBackend.resolveDatabase("shop").resolveCollection(name, true);
	}

	/** The name of the index a query reads, or "scan". */
	String indexFor(String collection, Document query, Document sort) {
		IndexedH2Collection.Plan plan = plan(collection, query, sort);
		return (plan != null) ? plan.index().getName() : "scan";
	}

	/** How the indexed server reads a query; {@code null} for a scan. */
	IndexedH2Collection.Plan plan(String collection, Document query, Document sort) {
		return collection(collection).plan(serverSide(query), (sort != null) ? serverSide(sort) : null);
	}

	/** A filter as the server decodes it (its own document class, dates as instants). */
	private static de.bwaldvogel.mongo.bson.Document serverSide(Document document) {
		de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
		document.forEach((key, value) -> converted.put(key, serverSideValue(value)));
		return converted;
	}

	private static Object serverSideValue(Object value) {
		if (value instanceof Document document) {
			return serverSide(document);
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(WireServers::serverSideValue).toList();
		}
		return value;
	}

	/** Documents in an order that does not depend on how they were read. */
	/**
	 * Declares the indexes the services declare on their collections, in database
	 * {@code shop}.
	 */
	static void declareIndexes(MongoClient client) {
		var shop = client.getDatabase("shop");
		shop.getCollection("orders")
			.createIndex(new Document("userId", 1).append("createdAt", -1).append("_id", -1),
					new IndexOptions().name("user_created"));
		shop.getCollection("orders")
			.createIndex(new Document("idempotencyKey", 1),
					new IndexOptions().name("idempotency_key").unique(true).sparse(true));
		shop.getCollection("payments")
			.createIndex(new Document("orderId", 1), new IndexOptions().name("orderId").unique(true));
		shop.getCollection("payments")
			.createIndex(new Document("userId", 1).append("createdAt", -1), new IndexOptions().name("user_created"));
		shop.getCollection("notifications")
			.createIndex(new Document("userId", 1).append("createdAt", -1), new IndexOptions().name("user_created"));
		shop.getCollection("notifications")
			.createIndex(new Document("userId", 1).append("read", 1), new IndexOptions().name("user_read"));
		shop.getCollection("users")
			.createIndex(new Document("email", 1), new IndexOptions().name("email_unique").unique(true));
	}

	static List<Document> byId(List<Document> documents) {
		List<Document> sorted = new ArrayList<>(documents);
		sorted.sort(Comparator.comparing((document) -> String.valueOf(document.get("_id"))));
		return sorted;
	}

	@Override
	public void close() {
		this.indexed.close();
		this.scan.close();
		this.indexedServer.shutdownNow();
		this.scanServer.shutdownNow();
	}

}
