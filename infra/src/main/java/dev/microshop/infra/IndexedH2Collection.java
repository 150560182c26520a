package dev.microshop.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 collection whose queries use every index that narrows them down.
 * <p>
 * mongo-java-server 1.47 uses an index only when a query's keys are exactly a unique
 * index's keys. Here a query uses a unique index when it fixes that index's keys,
 * whatever else it asks ({@code {_id, status}} reads one document), else the
 * {@link SecondaryIndex} fixing most of its leading keys, preferring one that already has
 * the sort's order, so a sorted, limited read stops after the documents it returns. The
 * query's conditions are checked on every document read, as in a scan, so an index only
 * chooses which documents are read.
 */
final class IndexedH2Collection extends H2Collection {

	private final List<SecondaryIndex<Object>> deferred = new ArrayList<>();

	private boolean deferIndexBuilds;

	IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
			boolean deferIndexBuilds) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
		this.deferIndexBuilds = deferIndexBuilds;
	}

	@Override
	public synchronized void addIndex(Index<Object> index) {
		SecondaryIndex<Object> secondary = (index instanceof SecondaryIndex<Object> s) ? s : null;
		if (secondary != null && !secondary.isBuilt() && this.deferIndexBuilds) {
			secondary.defer();
			this.deferred.add(secondary);
		}
		super.addIndex(index);
		if (secondary != null && !secondary.isDeferred()) {
			// Filled by the library if it was new.
			secondary.built();
		}
	}

	/**
	 * Fills the indexes added while the database opened, in one pass over the documents.
	 */
	synchronized void buildDeferredIndexes() {
		this.deferIndexBuilds = false;
		this.deferred.removeIf((index) -> !getIndexes().contains(index));
		if (!this.deferred.isEmpty()) {
			streamAllDocumentsWithPosition().forEach((stored) -> this.deferred
				.forEach((index) -> index.add(stored.getDocument(), stored.getPosition(), this)));
		}
		this.deferred.forEach(SecondaryIndex::built);
		this.deferred.clear();
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		// count() comes here without the collection's lock.
		synchronized (this) {
			Plan plan = plan(query, orderBy);
			if (plan == null) {
				return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			if (plan.ordered()) {
				Stream<Document> documents = StreamSupport.stream(plan.positions().spliterator(), false)
					.map(this::getDocument);
				return matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, null, fieldSelector);
			}
			return matchDocuments(query, plan.positions(), orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
	}

	/**
	 * Runs an aggregation's stages over the documents matching its leading
	 * {@code $match}, read one at a time, through an index where one narrows them down.
	 * The library's query collects every matching document first: for the driver's
	 * {@code countDocuments} of a large collection, all of it on the heap at once.
	 */
	synchronized List<Document> aggregate(Document filter, Function<Stream<Document>, List<Document>> stages) {
		Plan plan = plan(filter, null);
		Stream<Document> documents = (plan != null)
				? StreamSupport.stream(plan.positions().spliterator(), false).map(this::getDocument)
				: streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
		return stages.apply(documents.filter((document) -> documentMatchesQuery(document, filter)));
	}

	/** How a query reads its documents; {@code null} for a scan of the collection. */
	synchronized Plan plan(Document filter, Document orderBy) {
		if (orderBy != null && orderBy.containsKey("$natural")) {
			return null;
		}
		Document query = conditions(filter);
		for (Index<Object> index : getIndexes()) {
			Document fixed = index.isUnique() ? conditionsOn(index.getKeys(), query) : null;
			if (fixed != null && index.canHandle(fixed)) {
				return new Plan(index, index.getPositions(fixed), false);
			}
		}
		Plan best = null;
		SecondaryIndex.Lookup<Object> bestLookup = null;
		for (Index<Object> index : getIndexes()) {
			SecondaryIndex.Lookup<Object> lookup = (index instanceof SecondaryIndex<Object> secondary)
					? secondary.lookup(query, orderBy) : null;
			if (lookup != null && (bestLookup == null || lookup.betterThan(bestLookup))) {
				bestLookup = lookup;
				best = new Plan(index, lookup.positions(), lookup.ordered());
			}
		}
		return best;
	}

	/**
	 * A query's conditions with those of a top-level {@code $and} taken up (the driver
	 * writes {@code and(eq(a), eq(b))} so); where a key has several, one of them, which
	 * still reads every matching document.
	 */
	private static Document conditions(Document query) {
		if (!(query.get("$and") instanceof List<?> all)) {
			return query;
		}
		Document conditions = new Document();
		query.forEach((key, condition) -> {
			if (!key.equals("$and")) {
				conditions.put(key, condition);
			}
		});
		for (Object each : all) {
			if (each instanceof Document part) {
				conditions(part).forEach(conditions::putIfAbsent);
			}
		}
		return conditions;
	}

	/**
	 * The query's conditions on those keys, or {@code null} unless it has one on each.
	 */
	private static Document conditionsOn(List<IndexKey> keys, Document query) {
		Document conditions = new Document();
		for (IndexKey key : keys) {
			if (!query.containsKey(key.getKey())) {
				return null;
			}
			conditions.put(key.getKey(), query.get(key.getKey()));
		}
		return conditions;
	}

	/**
	 * Reading a query's documents from an index.
	 *
	 * @param index the index
	 * @param positions the documents that may match, each once
	 * @param ordered whether they come in the order the query's sort asks for
	 */
	record Plan(Index<Object> index, Iterable<Object> positions, boolean ordered) {

	}

	@Override
	public synchronized void drop() {
		// The partial indexes the server adds by itself are not in system.indexes, so
		// dropping the collection's declared indexes left them.
		getIndexes().removeIf((index) -> {
			boolean partial = index instanceof SecondaryIndex<Object> secondary && secondary.isPartial();
			if (partial) {
				index.drop();
			}
			return partial;
		});
		super.drop();
	}

}
