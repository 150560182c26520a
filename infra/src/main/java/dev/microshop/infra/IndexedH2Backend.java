package dev.microshop.infra;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server's H2 backend with {@link IndexedH2Database}s: queries use compound
 * and non-unique indexes, unique indexes for queries asking more than their keys, and
 * sorted reads of an index, where the library's planner (1.47) scans the whole
 * collection. Documents are stored as BSON instead of Java serialization; a file of the
 * library's backend is converted once, when it opens ({@link IndexedH2Database}), and
 * cannot be opened by the library's backend afterwards.
 */
final class IndexedH2Backend extends H2Backend {

	IndexedH2Backend(MVStore store) {
		super(store);
		if (store.getStoreVersion() < IndexedH2Database.FORMAT) {
			// Every database converted (H2Backend opened them): written as this backend
			// writes from now on, in one commit with the conversion.
			store.setStoreVersion(IndexedH2Database.FORMAT);
			store.commit();
		}
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
	}

}
