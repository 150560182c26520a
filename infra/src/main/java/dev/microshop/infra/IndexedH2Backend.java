package dev.microshop.infra;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server's H2 backend with {@link IndexedH2Database}s: queries use compound
 * and non-unique indexes, unique indexes for queries asking more than their keys, and
 * sorted reads of an index, where the library's planner (1.47) scans the whole
 * collection. Reads and writes the library's file layout, so existing data opens
 * unchanged.
 */
final class IndexedH2Backend extends H2Backend {

	IndexedH2Backend(MVStore store) {
		super(store);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
	}

}
