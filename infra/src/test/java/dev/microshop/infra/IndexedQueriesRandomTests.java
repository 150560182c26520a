package dev.microshop.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random documents, writes and filters on indexed keys, with missing values, nulls,
 * arrays, nested documents, numbers of several types, updates moving indexed values,
 * deletes, upserts and unique violations: every answer of the indexed server is the
 * answer of the library's scanning one.
 */
class IndexedQueriesRandomTests {

	private static final int OPERATIONS = 800;

	private Random random;

	/** What the current operation filters on, to tell in a failure. */
	private Object described;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3 })
	void everyAnswerIsTheScansAnswer(long seed) {
		this.random = new Random(seed);
		try (WireServers servers = new WireServers()) {
			for (MongoCollection<Document> things : List.of(servers.indexed("things"), servers.scan("things"))) {
				things.createIndex(new Document("u", 1));
				things.createIndex(new Document("u", 1).append("c", -1));
				things.createIndex(new Document("n.x", 1));
				things.createIndex(new Document("tags", 1).append("r", 1));
				things.createIndex(new Document("r", 1).append("c", -1));
				things.createIndex(new Document("email", 1), new IndexOptions().unique(true).sparse(true));
			}
			int fromSecondaryIndex = 0;
			int inIndexOrder = 0;
			for (int i = 0; i < OPERATIONS; i++) {
				int kind = this.random.nextInt(10);
				Bson filter = filter();
				this.described = filter.toBsonDocument().toJson();
				if (kind < 4) {
					Document sort = sort();
					IndexedH2Collection.Plan plan = servers.plan("things", Document.parse(this.described.toString()),
							sort);
					if (plan != null && plan.index() instanceof SecondaryIndex<?>) {
						fromSecondaryIndex++;
					}
					int skip = this.random.nextInt(3);
					int limit = this.random.nextInt(6);
					same(servers, (things) -> WireServers.byId(things.find(filter).into(new ArrayList<>())));
					same(servers,
							(things) -> things.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>()));
					same(servers, (things) -> things.countDocuments(filter));
					// The index on r and c has this order, forward or backward.
					int direction = direction();
					Document byR = new Document("r", this.random.nextBoolean());
					Document newest = new Document("c", direction).append("_id", -direction);
					inIndexOrder += servers.plan("things", byR, newest).ordered() ? 1 : 0;
					same(servers,
							(things) -> things.find(byR).sort(newest).skip(skip).limit(limit).into(new ArrayList<>()));
				}
				else {
					write(servers, kind, filter);
					assertThat(WireServers.byId(servers.indexed("things").find().into(new ArrayList<>())))
						.as("after %s", this.described)
						.containsExactlyElementsOf(
								WireServers.byId(servers.scan("things").find().into(new ArrayList<>())));
				}
			}
			assertThat(fromSecondaryIndex).as("reads from a non-unique index").isGreaterThan(OPERATIONS / 20);
			assertThat(inIndexOrder).as("sorted reads in index order").isGreaterThan(OPERATIONS / 10);
			same(servers, (things) -> WireServers.byId(things.find().into(new ArrayList<>())));
		}
	}

	private void write(WireServers servers, int kind, Bson filter) {
		switch (kind) {
			case 4, 5 -> {
				Document document = document(id());
				this.described = "insert " + document.toJson();
				same(servers, (things) -> outcome(
						() -> things.insertOne(Document.parse(document.toJson())).wasAcknowledged()));
			}
			case 6 -> {
				Bson update = update();
				this.described += " " + update.toBsonDocument().toJson();
				// One of several matches is any of them: only one id has one answer.
				Bson one = and(eq("_id", id()), filter);
				// A unique violation half way through an updateMany leaves whichever
				// documents came first changed: such updates go to one document.
				boolean many = this.random.nextBoolean() && !update.toBsonDocument().toJson().contains("email");
				same(servers, (things) -> outcome(() -> many ? things.updateMany(filter, update).toString()
						: things.updateOne(one, update).toString()));
			}
			case 7 -> {
				Bson byIdAndMore = and(eq("_id", id()), eq("u", scalar()));
				Bson update = Updates.set("c", this.random.nextInt(5));
				this.described = byIdAndMore.toBsonDocument().toJson();
				same(servers, (things) -> outcome(
						() -> things.updateOne(byIdAndMore, update, new UpdateOptions().upsert(true)).toString()));
			}
			case 8 -> {
				Bson one = and(eq("_id", id()), filter);
				boolean many = this.random.nextBoolean();
				this.described += many ? " deleteMany" : " deleteOne";
				same(servers, (things) -> outcome(() -> many ? things.deleteMany(filter).getDeletedCount()
						: things.deleteOne(one).getDeletedCount()));
			}
			default -> {
				String id = id();
				this.described = "replace " + id;
				Document replacement = document(id);
				same(servers,
						(things) -> outcome(() -> things
							.replaceOne(eq("_id", id), Document.parse(replacement.toJson()),
									new ReplaceOptions().upsert(true))
							.toString()));
			}
		}
	}

	private <T> void same(WireServers servers, Function<MongoCollection<Document>, T> operation) {
		T indexed = operation.apply(servers.indexed("things"));
		T scan = operation.apply(servers.scan("things"));
		assertThat(indexed).as("%s", this.described).isEqualTo(scan);
	}

	private interface Operation {

		Object run();

	}

	/**
	 * The result, or the server's error code: a refused write must be refused by both.
	 */
	private static Object outcome(Operation operation) {
		try {
			return operation.run();
		}
		catch (MongoServerException ex) {
			return "error " + ex.getCode();
		}
	}

	private String id() {
		return "d" + this.random.nextInt(120);
	}

	private Document document(String id) {
		Document document = new Document("_id", id);
		maybe(document, "u", this::value);
		maybe(document, "c", () -> this.random.nextBoolean() ? this.random.nextInt(5) : this.random.nextInt(5) + 0.5);
		maybe(document, "r", this.random::nextBoolean);
		maybe(document, "tags", this::tags);
		maybe(document, "n", this::nested);
		maybe(document, "email", () -> "e" + this.random.nextInt(40));
		return document;
	}

	private void maybe(Document document, String key, java.util.function.Supplier<Object> value) {
		if (this.random.nextInt(5) > 0) {
			document.append(key, value.get());
		}
	}

	private Object scalar() {
		return switch (this.random.nextInt(8)) {
			case 0 -> null;
			case 1 -> 1;
			case 2 -> 1.0;
			case 3 -> 2L;
			default -> "u" + this.random.nextInt(4);
		};
	}

	private Object value() {
		return switch (this.random.nextInt(6)) {
			case 0 -> Arrays.asList(scalar(), scalar());
			case 1 -> List.of();
			case 2 -> new Document("x", scalar());
			default -> scalar();
		};
	}

	private Object tags() {
		// Never a bare string: $push on one fails half way through an updateMany, leaving
		// whichever documents came first changed.
		return (this.random.nextInt(4) == 0) ? List.of()
				: List.of("t" + this.random.nextInt(3), "t" + this.random.nextInt(3));
	}

	private Object nested() {
		return switch (this.random.nextInt(4)) {
			case 0 -> new Document("x", scalar());
			case 1 -> List.of(new Document("x", scalar()), new Document("y", 1));
			case 2 -> new Document("z", 1);
			default -> scalar();
		};
	}

	private Bson filter() {
		List<Bson> conditions = new ArrayList<>();
		int count = 1 + this.random.nextInt(3);
		for (int i = 0; i < count; i++) {
			conditions.add(switch (this.random.nextInt(13)) {
				case 0, 1, 2 -> eq("u", scalar());
				case 3 -> new Document("u", new Document("$eq", scalar()));
				case 4 -> eq("u", Arrays.asList(scalar(), scalar()));
				case 5 -> eq("c", this.random.nextInt(5));
				case 6 -> gt("c", this.random.nextInt(5));
				case 7 -> eq("tags", "t" + this.random.nextInt(3));
				case 8 -> eq("n.x", scalar());
				case 9 -> eq("r", this.random.nextBoolean());
				case 11 -> and(eq("r", this.random.nextBoolean()), new Document("c", new Document("$exists", true)));
				case 10 -> eq("_id", id());
				default -> this.random.nextBoolean() ? exists("tags.0") : in("u", Arrays.asList(scalar(), scalar()));
			});
		}
		return (conditions.size() == 1) ? conditions.get(0) : and(conditions);
	}

	private Document sort() {
		// Only on keys without arrays: the library compares arrays in no consistent order
		// ("Comparison method violates its general contract"). The index on r and c has
		// no arrays: its order is read, forward and backward.
		Document sort = switch (this.random.nextInt(3)) {
			case 0 -> new Document("c", direction());
			case 1 -> new Document("r", direction()).append("c", direction());
			default -> new Document("c", -1);
		};
		// Ties may come in any order: with a limit, only a total order has one answer.
		return sort.append("_id", direction());
	}

	private int direction() {
		return this.random.nextBoolean() ? 1 : -1;
	}

	private Bson update() {
		return switch (this.random.nextInt(8)) {
			case 0 -> Updates.set("u", value());
			case 1 -> Updates.unset("u");
			case 2 -> Updates.set("c", this.random.nextInt(5));
			case 3 -> Updates.inc("c", 1);
			case 4 -> Updates.push("tags", "t" + this.random.nextInt(3));
			case 5 -> Updates.set("n", nested());
			case 6 -> Updates.set("email", "e" + this.random.nextInt(40));
			default -> Updates.set("tags", tags());
		};
	}

}
