package dev.microshop.infra;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 database whose collections are {@link IndexedH2Collection}s with real non-unique
 * indexes ({@link SecondaryIndex}) where mongo-java-server 1.47 creates empty
 * placeholders.
 * <p>
 * Every collection also gets {@value #OUTBOX_PENDING}, a partial index of the documents
 * with unpublished events in their {@code outbox} array: the outbox relay of every
 * service asks for them ({@code {"outbox.0": {$exists: true}}}) each poll interval, and
 * without it each sweep would read every document. It is the server's own (not in
 * {@code listIndexes}); a real MongoDB needs the services to declare such an index.
 * <p>
 * Non-unique indexes live in memory and are rebuilt when the database opens, in one pass
 * over each collection; unique ones stay the library's, stored in the H2 file.
 */
final class IndexedH2Database extends H2Database {

	static final String OUTBOX_PENDING = "_outbox_pending";

	/**
	 * The names H2Database gives a collection's maps in the MVStore (its on-disk layout,
	 * package-private there).
	 */
	private static final String DATA_MAP_PREFIX = "databases.";

	private static final String META_MAP_PREFIX = "meta.";

	private final MVStore store;

	/** The collections opened with the database, whose indexes are built together. */
	private final List<IndexedH2Collection> opening = new ArrayList<>();

	private boolean opened;

	IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
		super(databaseName, store, cursorRegistry);
		this.store = store;
		initializeNamespacesAndIndexes();
		this.opening.forEach(IndexedH2Collection::buildDeferredIndexes);
		this.opening.clear();
		this.opened = true;
	}

	@Override
	protected void initializeNamespacesAndIndexes() {
		// H2Database calls this from its constructor, before this class has its fields:
		// the collections open once it has.
		if (this.store != null) {
			super.initializeNamespacesAndIndexes();
		}
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		String namespace = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> dataMap = this.store.openMap(DATA_MAP_PREFIX + namespace);
		MVMap<String, Object> metaMap = this.store.openMap(META_MAP_PREFIX + namespace);
		IndexedH2Collection collection = new IndexedH2Collection(this, collectionName, options, dataMap, metaMap,
				this.cursorRegistry, !this.opened);
		if (!collectionName.startsWith("system.")) {
			collection.addIndex(
					SecondaryIndex.partial(OUTBOX_PENDING, new Document("outbox.0", new Document("$exists", true))));
		}
		if (!this.opened) {
			this.opening.add(collection);
		}
		return collection;
	}

	@Override
	protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		return new SecondaryIndex<>(indexName, keys, sparse);
	}

}
