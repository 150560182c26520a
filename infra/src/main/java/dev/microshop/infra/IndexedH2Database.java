package dev.microshop.infra;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

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
 * Documents, ids and unique index keys are written as BSON ({@link BsonDataType}),
 * non-unique indexes are stored next to the documents. A file of the library's backend
 * (store version below {@value #FORMAT}) is converted once when it opens: its documents
 * rewritten, its unique indexes rebuilt in value order, its non-unique ones built.
 */
final class IndexedH2Database extends H2Database {

	static final String OUTBOX_PENDING = "_outbox_pending";

	/** The store version of files written as this class writes them. */
	static final int FORMAT = 1;

	/**
	 * The names H2Database gives a collection's maps in the MVStore (its on-disk layout,
	 * package-private there).
	 */
	private static final String DATA_MAP_PREFIX = "databases.";

	private static final String META_MAP_PREFIX = "meta.";

	private static final String UNIQUE_INDEX_INFIX = "._index_";

	private static final String SECONDARY_INDEX_INFIX = "._secondary_";

	/** Aggregation stages that read another collection than the one aggregated. */
	private static final List<String> OTHER_COLLECTION_STAGES = List.of("$lookup", "$graphLookup", "$unionWith");

	private final MVStore store;

	/** The collections opened with the database, whose indexes are built together. */
	private final List<IndexedH2Collection> opening = new ArrayList<>();

	/** Whether the file was written by the library's backend, as it opens. */
	private final boolean converting;

	private boolean opened;

	IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
		super(databaseName, store, cursorRegistry);
		this.store = store;
		this.converting = store.getStoreVersion() < FORMAT;
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
		MVMap<Object, Document> dataMap = this.store.openMap(DATA_MAP_PREFIX + namespace, bsonMap());
		if (!this.opened && this.converting) {
			// Every page rewritten as BSON, before the indexes read the documents.
			dataMap.entrySet().forEach((entry) -> dataMap.put(entry.getKey(), entry.getValue()));
		}
		MVMap<String, Object> metaMap = this.store.openMap(META_MAP_PREFIX + namespace);
		IndexedH2Collection collection = new IndexedH2Collection(this, collectionName, options, dataMap, metaMap,
				this.cursorRegistry, !this.opened);
		if (!collectionName.startsWith("system.")) {
			collection.addIndex(
					SecondaryIndex.partial(OUTBOX_PENDING, new Document("outbox.0", new Document("$exists", true)),
							this.store, namespace + SECONDARY_INDEX_INFIX + OUTBOX_PENDING, metaMap, isStored()));
		}
		if (!this.opened) {
			this.opening.add(collection);
		}
		return collection;
	}

	@Override
	public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
			Oplog oplog) {
		if (command.equalsIgnoreCase("aggregate")) {
			Document response = aggregateFromMatch(query, databaseResolver, oplog);
			if (response != null) {
				return response;
			}
		}
		return super.handleCommand(channel, command, query, databaseResolver, oplog);
	}

	/**
	 * An aggregation starting with {@code $match} (the driver's {@code countDocuments},
	 * Spring Data's {@code count}) read as a query, through the indexes, one document at
	 * a time; the library reads every document of the collection and matches them in the
	 * pipeline. {@code null} where the library answers: no leading {@code $match},
	 * variables, writing stages, or stages reading other collections (the stages run
	 * under this collection's lock, which must not wait for another's).
	 */
	private Document aggregateFromMatch(Document query, DatabaseResolver databaseResolver, Oplog oplog) {
		if (!(query.get("aggregate") instanceof String collectionName) || query.containsKey("let")) {
			return null;
		}
		List<Document> pipeline = Aggregation.parse(query.get("pipeline"));
		if (pipeline.isEmpty() || pipeline.get(0).size() != 1
				|| !(pipeline.get(0).get("$match") instanceof Document match) || match.containsKey("$expr")
				|| pipeline.stream()
					.anyMatch((stage) -> OTHER_COLLECTION_STAGES.stream().anyMatch(stage::containsKey))) {
			return null;
		}
		if (!(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
			return null;
		}
		Aggregation rest = Aggregation.fromPipeline(pipeline.subList(1, pipeline.size()), databaseResolver, this,
				collection, oplog);
		rest.validate(query);
		if (rest.isModifying()) {
			return null;
		}
		List<Document> result = collection.aggregate(match, rest::runStages);
		Document cursor = new Document("id", 0L);
		cursor.put("ns", getFullCollectionNamespace(collectionName));
		cursor.put("firstBatch", result);
		Document response = new Document("cursor", cursor);
		response.put("ok", 1.0);
		return response;
	}

	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		// H2Database opens the map by this name; opened here first, it gets BSON keys
		// compared by value. The library's maps are ordered by their serialized bytes:
		// removed, then refilled by the library from the documents.
		String mapName = getFullCollectionNamespace(collectionName) + UNIQUE_INDEX_INFIX + indexName;
		if (!isStored() && this.store.hasMap(mapName)) {
			this.store.removeMap(mapName);
		}
		this.store.openMap(mapName, bsonMap());
		return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
	}

	@Override
	protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		String namespace = getFullCollectionNamespace(collectionName);
		return new SecondaryIndex<>(indexName, keys, sparse, null, this.store,
				namespace + SECONDARY_INDEX_INFIX + indexName, this.store.openMap(META_MAP_PREFIX + namespace),
				isStored());
	}

	@Override
	protected void dropIndex(MongoCollection<Object> collection, String indexName) {
		super.dropIndex(collection, indexName);
		String mapName = getFullCollectionNamespace(collection.getCollectionName()) + SECONDARY_INDEX_INFIX + indexName;
		if (this.store.hasMap(mapName)) {
			this.store.removeMap(mapName);
		}
	}

	@Override
	public void dropCollection(String collectionName, Oplog oplog) {
		super.dropCollection(collectionName, oplog);
		String namespace = getFullCollectionNamespace(collectionName);
		removeMaps(namespace + SECONDARY_INDEX_INFIX);
		removeMaps(namespace + UNIQUE_INDEX_INFIX);
	}

	private void removeMaps(String prefix) {
		this.store.getMapNames()
			.stream()
			.filter((name) -> name.startsWith(prefix))
			.toList()
			.forEach(this.store::removeMap);
	}

	/** Whether index maps in the store are up to date: not while converting. */
	private boolean isStored() {
		return this.opened || !this.converting;
	}

	private static <K, V> MVMap.Builder<K, V> bsonMap() {
		BsonDataType type = new BsonDataType();
		return new MVMap.Builder<K, V>().keyType(type).valueType(type);
	}

}
