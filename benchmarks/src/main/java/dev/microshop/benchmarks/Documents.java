package dev.microshop.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * How much the services' databases hold.
 */
final class Documents {

	/** The databases ./platform gives the four services. */
	static final List<String> DATABASES = List.of("users", "orders", "payments", "notifications");

	private Documents() {
	}

	/**
	 * Returns the number of documents of each collection, as {@code database.collection}.
	 * @param uri the server, without a database: {@code mongodb://127.0.0.1:27017}
	 */
	static Map<String, Long> count(String uri) {
		Map<String, Long> counts = new TreeMap<>();
		try (MongoClient mongo = MongoClients.create(uri)) {
			for (String name : DATABASES) {
				MongoDatabase database = mongo.getDatabase(name);
				for (String collection : database.listCollectionNames()) {
					// The collection's count as the server keeps it: countDocuments() is
					// an
					// aggregation, which the library's backend answers by reading every
					// document onto the heap (a seeded database took the server down).
					counts.put(name + "." + collection, database.getCollection(collection).estimatedDocumentCount());
				}
			}
		}
		return counts;
	}

}
