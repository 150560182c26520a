package dev.microshop.infra;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index, compound or not, stored in an H2 map ordered by its keys, then by
 * the document's id; or, with a filter, a partial index of the documents matching it. An
 * entry holds the values at the keys and the id (BSON), and the document's position.
 * <p>
 * Exists because mongo-java-server 1.47 creates non-unique indexes as empty placeholders,
 * so every query they should serve scans the whole collection under its lock.
 * {@link IndexedH2Collection} asks {@link #lookup} for the documents a query can be
 * answered from and checks every condition of the query on them, so an index entry only
 * has to be a superset: every value a document holds at a key is indexed (array elements
 * included, a missing value as {@code null}), and only equalities on scalar values use
 * the index.
 * <p>
 * Stored with the documents, so one commit of the store holds both and an open reads no
 * document; built from the documents only when it is new. Not checked for parallel
 * arrays, unlike MongoDB: such a document is indexed under every combination.
 *
 * @param <P> the backend's position of a document
 */
final class SecondaryIndex<P> extends Index<P> {

	private static final String ID = "_id";

	private static final Comparator<Object> ASCENDING = ValueComparator.ascWithoutListHandling();

	// Not ASCENDING.reversed(): ValueComparator's reversed() compares lists differently.
	private static final Comparator<Object> DESCENDING = (left, right) -> ASCENDING.compare(right, left);

	/**
	 * Ends a range of entries: before or after every entry sharing its leading values.
	 */
	private enum Bound {

		LOW, HIGH

	}

	/** A query condition the index cannot look up. */
	private static final Object UNUSABLE = new Object();

	/**
	 * The index's keys, then the id unless it is a key already: the order of the entries.
	 */
	private final List<IndexKey> order;

	private final String[][] paths;

	/** The documents this index holds; {@code null} for every document. */
	private final Document filter;

	/** Entry (one value per key, then the id) → the document's position. */
	private final MVMap<Object[], P> entries;

	/** Where the collection keeps what the index knows about itself. */
	private final Map<String, Object> meta;

	/** Whether the entries are every document's: false until it is filled. */
	private volatile boolean built;

	/** Set while the database opens: filled afterwards, in one pass for all indexes. */
	private volatile boolean deferred;

	/**
	 * No document so far had an array on a key's path: each has one entry, whose order is
	 * the order a sort on those keys gives.
	 */
	private volatile boolean sortable;

	/**
	 * Opens an index's map in the store.
	 * @param name the index's name
	 * @param keys its keys
	 * @param sparse whether documents missing every key have no entry
	 * @param filter the documents a partial index holds, or {@code null} for all
	 * @param store the store
	 * @param mapName the name of its map
	 * @param meta the collection's map of facts about it
	 * @param stored whether a map of that name holds a built index
	 */
	@SuppressWarnings("unchecked")
	SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, Document filter, MVStore store, String mapName,
			Map<String, Object> meta, boolean stored) {
		super(name, keys, sparse);
		this.filter = filter;
		List<IndexKey> order = new ArrayList<>(keys);
		if (keys.stream().noneMatch((key) -> key.getKey().equals(ID))) {
			order.add(new IndexKey(ID, true));
		}
		this.order = List.copyOf(order);
		this.paths = order.stream().map((key) -> key.getKey().split("\\.")).toArray(String[][]::new);
		this.built = stored && store.hasMap(mapName);
		this.entries = store.openMap(mapName, new MVMap.Builder<Object[], P>().keyType(new EntryType())
			.valueType((BasicDataType<P>) (Object) new BsonDataType()));
		this.meta = meta;
		if (!this.built) {
			this.entries.clear();
			meta.remove(multikeyFlag());
		}
		this.sortable = !Boolean.TRUE.equals(meta.get(multikeyFlag()));
	}

	/**
	 * A partial index of the documents matching a filter, in id order: queries containing
	 * every condition of the filter read only those documents.
	 */
	static <P> SecondaryIndex<P> partial(String name, Document filter, MVStore store, String mapName,
			Map<String, Object> meta, boolean stored) {
		// Sparse: a document outside the filter has no entry, which removing it must
		// accept.
		return new SecondaryIndex<>(name, List.of(new IndexKey(ID, true)), true, filter, store, mapName, meta, stored);
	}

	private String multikeyFlag() {
		return "multikey." + getName();
	}

	String mapName() {
		return this.entries.getName();
	}

	boolean isPartial() {
		return this.filter != null;
	}

	void defer() {
		this.deferred = true;
	}

	void built() {
		this.deferred = false;
		this.built = true;
	}

	boolean isBuilt() {
		return this.built;
	}

	boolean isDeferred() {
		return this.deferred;
	}

	/**
	 * The positions of the documents that may match a query, in the order the sort asks
	 * for when the index has it; {@code null} when this index does not narrow the query
	 * down.
	 */
	Lookup<P> lookup(Document query, Document orderBy) {
		if (this.filter != null && !contains(query, this.filter)) {
			return null;
		}
		List<Object> equalities = new ArrayList<>();
		for (IndexKey key : getKeys()) {
			Object value = query.containsKey(key.getKey()) ? equalityValue(query.get(key.getKey())) : UNUSABLE;
			if (value == UNUSABLE) {
				break;
			}
			equalities.add(value);
		}
		if (equalities.isEmpty() && this.filter == null) {
			return null;
		}
		Boolean forward = direction(orderBy, equalities.size());
		Object[] low = null;
		Object[] high = null;
		if (!equalities.isEmpty()) {
			low = equalities.toArray(new Object[equalities.size() + 1]);
			high = low.clone();
			low[low.length - 1] = Bound.LOW;
			high[high.length - 1] = Bound.HIGH;
		}
		if (forward == null) {
			// Arrays give a document several entries.
			LinkedHashSet<P> positions = new LinkedHashSet<>();
			range(low, high, false).forEach(positions::add);
			return new Lookup<>(equalities.size(), false, positions);
		}
		return new Lookup<>(equalities.size(), true, forward ? range(low, high, false) : range(high, low, true));
	}

	/** The positions of the entries from one key to another, both included. */
	private Iterable<P> range(Object[] from, Object[] to, boolean reverse) {
		return () -> new Iterator<>() {

			private final Cursor<Object[], P> cursor = SecondaryIndex.this.entries.cursor(from, to, reverse);

			@Override
			public boolean hasNext() {
				return this.cursor.hasNext();
			}

			@Override
			public P next() {
				this.cursor.next();
				return this.cursor.getValue();
			}

		};
	}

	/**
	 * Whether the entries after the equalities come in the order a sort asks for: forward
	 * ({@code true}), backward ({@code false}) or not ({@code null}). No sort is any
	 * order.
	 */
	private Boolean direction(Document orderBy, int equalities) {
		if (orderBy == null || orderBy.isEmpty()) {
			return true;
		}
		if (!this.sortable) {
			return null;
		}
		Boolean forward = null;
		int next = equalities;
		for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
			if (!(sort.getValue() instanceof Number direction) || next >= this.order.size()) {
				return null;
			}
			IndexKey key = this.order.get(next++);
			boolean same = (direction.intValue() > 0) == key.isAscending();
			if (!key.getKey().equals(sort.getKey()) || (forward != null && forward != same)) {
				return null;
			}
			forward = same;
			if (key.getKey().equals(ID)) {
				// Ids are unique: later sort keys change nothing.
				break;
			}
		}
		return forward;
	}

	/** The value an equality condition looks up, or {@link #UNUSABLE}. */
	private Object equalityValue(Object condition) {
		Object value = condition;
		if (condition instanceof Document document) {
			if (document.size() != 1 || !document.containsKey("$eq")) {
				return UNUSABLE;
			}
			value = document.get("$eq");
		}
		if (value == null) {
			// A sparse index leaves out the documents missing the key, which null
			// matches.
			return isSparse() ? UNUSABLE : null;
		}
		boolean scalar = value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || (value instanceof Double number && Double.isFinite(number))
				|| value instanceof Instant || value instanceof ObjectId || value instanceof UUID;
		return scalar ? value : UNUSABLE;
	}

	private static boolean contains(Document query, Document conditions) {
		for (Map.Entry<String, Object> condition : conditions.entrySet()) {
			if (!Objects.equals(query.get(condition.getKey()), condition.getValue())) {
				return false;
			}
		}
		return true;
	}

	/** The entries of a document: one per combination of the values at its keys. */
	private List<Object[]> entriesOf(Document document, boolean[] single) {
		if (this.filter != null && !new DefaultQueryMatcher().matches(document, this.filter)) {
			return List.of();
		}
		List<Object[]> result = new ArrayList<>();
		result.add(new Object[this.order.size()]);
		boolean present = false;
		for (int key = 0; key < this.paths.length; key++) {
			Values values = new Values();
			collect(document, this.paths[key], 0, values);
			present |= values.present && key < getKeys().size();
			single[0] &= values.single;
			List<Object[]> combined = new ArrayList<>(result.size() * values.list.size());
			for (Object[] entry : result) {
				for (Object value : values.list) {
					Object[] copy = entry.clone();
					copy[key] = value;
					combined.add(copy);
				}
			}
			result = combined;
		}
		return (isSparse() && this.filter == null && !present) ? List.of() : result;
	}

	/**
	 * Every value at a path: array elements (and elements of their elements) expanded, a
	 * numeric step taken both as an array position and as a field name, {@code null}
	 * wherever the path ends early.
	 */
	private static void collect(Object node, String[] path, int depth, Values values) {
		if (depth == path.length) {
			values.present = true;
			leaf(node, values);
		}
		else if (node instanceof Document document) {
			if (document.containsKey(path[depth])) {
				collect(document.get(path[depth]), path, depth + 1, values);
			}
			else {
				values.list.add(null);
			}
		}
		else if (node instanceof List<?> list) {
			values.single = false;
			int position = arrayPosition(path[depth]);
			if (position >= 0 && position < list.size()) {
				collect(list.get(position), path, depth + 1, values);
			}
			for (Object element : list) {
				if (element instanceof Document || element instanceof List) {
					collect(element, path, depth, values);
				}
				else {
					values.list.add(null);
				}
			}
			if (list.isEmpty()) {
				values.list.add(null);
			}
		}
		else {
			values.list.add(null);
		}
	}

	private static void leaf(Object value, Values values) {
		if (value instanceof Collection<?> list) {
			values.single = false;
			if (list.isEmpty()) {
				values.list.add(null);
			}
			for (Object element : list) {
				leaf(element, values);
			}
		}
		else {
			values.list.add(value);
		}
	}

	private static int arrayPosition(String step) {
		if (step.isEmpty() || step.length() > 9 || !step.chars().allMatch(Character::isDigit)) {
			return -1;
		}
		return Integer.parseInt(step);
	}

	private int compare(Object[] left, Object[] right) {
		for (int i = 0; i < Math.min(left.length, right.length); i++) {
			int result;
			if (left[i] instanceof Bound || right[i] instanceof Bound) {
				result = Integer.compare(rank(left[i]), rank(right[i]));
			}
			else {
				result = (this.order.get(i).isAscending() ? ASCENDING : DESCENDING).compare(left[i], right[i]);
			}
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(left.length, right.length);
	}

	private static int rank(Object component) {
		return (component == Bound.LOW) ? -1 : (component == Bound.HIGH) ? 1 : 0;
	}

	@Override
	public P getPosition(Document document) {
		List<Object[]> entries = entriesOf(document, new boolean[] { true });
		return entries.isEmpty() ? null : this.entries.get(entries.get(0));
	}

	@Override
	public void checkAdd(Document document, MongoCollection<P> collection) {
		// Not unique: nothing to refuse.
	}

	@Override
	public void add(Document document, P position, MongoCollection<P> collection) {
		boolean[] single = { true };
		for (Object[] entry : entriesOf(document, single)) {
			this.entries.put(entry, position);
		}
		if (!single[0] && this.sortable) {
			this.sortable = false;
			this.meta.put(multikeyFlag(), Boolean.TRUE);
		}
	}

	@Override
	public P remove(Document document) {
		P position = null;
		for (Object[] entry : entriesOf(document, new boolean[] { true })) {
			P removed = this.entries.remove(entry);
			position = (removed != null) ? removed : position;
		}
		return position;
	}

	@Override
	public boolean canHandle(Document query) {
		// The library's planner takes whole-query matches only; IndexedH2Collection asks
		// lookup() instead.
		return false;
	}

	@Override
	public Iterable<P> getPositions(Document query) {
		throw new UnsupportedOperationException("Use lookup()");
	}

	@Override
	public long getCount() {
		return this.entries.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		// The library fills an index that says it is empty. While deferred it must not:
		// the database does, in one pass.
		return !this.deferred && !this.built;
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
		// Not unique: nothing to refuse.
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
		remove(oldDocument);
		add(newDocument, position, collection);
	}

	@Override
	public void drop() {
		this.entries.clear();
		this.meta.remove(multikeyFlag());
	}

	/**
	 * The documents an index gives for a query.
	 *
	 * @param equalities how many of the index's keys the query fixes
	 * @param ordered whether the positions come in the order the query's sort asks for
	 * @param positions where the documents are, each once
	 */
	record Lookup<P>(int equalities, boolean ordered, Iterable<P> positions) {

		boolean betterThan(Lookup<P> other) {
			return (this.equalities != other.equalities) ? this.equalities > other.equalities
					: this.ordered && !other.ordered;
		}

	}

	/**
	 * An entry as a BSON document of its values, ordered as the index's keys ask.
	 */
	private final class EntryType extends BasicDataType<Object[]> {

		@Override
		public int compare(Object[] left, Object[] right) {
			return SecondaryIndex.this.compare(left, right);
		}

		@Override
		public int getMemory(Object[] entry) {
			int memory = 16 + 8 * entry.length;
			for (Object value : entry) {
				memory += BsonDataType.estimateMemory(value);
			}
			return memory;
		}

		@Override
		public void write(WriteBuffer buffer, Object[] entry) {
			Document document = new Document();
			for (int i = 0; i < entry.length; i++) {
				document.put(Integer.toString(i), entry[i]);
			}
			BsonDataType.writeBson(buffer, document);
		}

		@Override
		public Object[] read(ByteBuffer buffer) {
			return BsonDataType.readBson(buffer).values().toArray();
		}

		@Override
		public Object[][] createStorage(int size) {
			return new Object[size][];
		}

	}

	private static final class Values {

		final List<Object> list = new ArrayList<>(1);

		boolean single = true;

		boolean present;

	}

}
