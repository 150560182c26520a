package dev.microshop.infra;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.UuidCodec;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.KeyValue;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents stored as BSON read back as they were written, across a restart; values the
 * library's backend wrote with H2's default type still read.
 */
class BsonDataTypeTests {

	@TempDir
	Path dataDir;

	@Test
	void everyTypeTheServicesStoreReadsBackAfterARestart() throws Exception {
		String file = this.dataDir.resolve("mongodb.mv.db").toString();
		UUID uuid = UUID.randomUUID();
		Document stored = new Document("_id", new ObjectId()).append("string", "Grüße, ünïcode ✓")
			.append("int", 42)
			.append("long", 1L << 40)
			.append("double", 2.5)
			.append("decimal", new Decimal128(new BigDecimal("25.99")))
			.append("date", new Date(1_700_000_000_123L))
			.append("objectId", new ObjectId())
			.append("uuid", uuid)
			.append("binary", new BsonBinary(BsonBinarySubType.BINARY, new byte[] { 1, 2, 3 }))
			.append("true", true)
			.append("null", null)
			.append("nested", new Document("amountMinor", 2599L).append("currency", "EUR"))
			.append("array", List.of(new Document("productId", "p1").append("quantity", 2), "x", 3L))
			.append("emptyArray", List.of());
		List<AutoCloseable> closing = new ArrayList<>();
		try {
			payments(new IndexedH2Backend(MVStore.open(file)), closing).insertOne(stored);
		}
		finally {
			closeAll(closing);
		}
		try {
			MongoCollection<Document> payments = payments(new IndexedH2Backend(MVStore.open(file)), closing);
			Document read = payments.find(eq("_id", stored.getObjectId("_id"))).first();
			assertThat(read).isNotNull();
			assertThat(read.get("binary")).isEqualTo(new org.bson.types.Binary(new byte[] { 1, 2, 3 }));
			// The driver's default codec reads subtype 4 as binary, not as a UUID.
			assertThat(read.get("uuid"))
				.isEqualTo(new org.bson.types.Binary(BsonBinarySubType.UUID_STANDARD, new BsonBinary(uuid).getData()));
			read.put("binary", stored.get("binary"));
			read.put("uuid", uuid);
			assertThat(read).isEqualTo(stored);
			assertThat(payments.find(eq("uuid", uuid)).first()).isNotNull();
		}
		finally {
			closeAll(closing);
		}
	}

	@Test
	void valuesWrittenByH2sDefaultTypeStillRead() {
		String file = this.dataDir.resolve("old.mv.db").toString();
		de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "order-1")
			.append("nested", new de.bwaldvogel.mongo.bson.Document("n", 1L));
		try (MVStore store = MVStore.open(file)) {
			MVMap<Object, Object> map = store.openMap("data");
			map.put("order-1", document);
			map.put("count", 7L);
		}
		try (MVStore store = MVStore.open(file)) {
			MVMap<Object, Object> map = store.openMap("data",
					new MVMap.Builder<>().keyType(new BsonDataType()).valueType(new BsonDataType()));
			assertThat(map.get("order-1")).isEqualTo(document);
			assertThat(map.get("count")).isEqualTo(7L);
			map.put("order-2", document);
		}
		try (MVStore store = MVStore.open(file)) {
			MVMap<Object, Object> map = store.openMap("data",
					new MVMap.Builder<>().keyType(new BsonDataType()).valueType(new BsonDataType()));
			assertThat(map.get("order-2")).isEqualTo(document);
		}
	}

	@Test
	void uniqueIndexKeysAreOrderedByValue() {
		BsonDataType type = new BsonDataType();
		assertThat(type.compare(new KeyValue("a@example.com"), new KeyValue("b@example.com"))).isNegative();
		assertThat(type.compare(new KeyValue(2.0), new KeyValue(10.0))).isNegative();
		assertThat(type.compare(new KeyValue("x", 1.0), new KeyValue("x", 1.0))).isZero();
	}

	private static MongoCollection<Document> payments(IndexedH2Backend backend, List<AutoCloseable> closing) {
		MongoClient client = WireServers.client(backend, closing);
		return client.getDatabase("shop")
			.getCollection("payments")
			.withCodecRegistry(CodecRegistries.fromRegistries(
					CodecRegistries.fromCodecs(new UuidCodec(UuidRepresentation.STANDARD)),
					MongoClientSettings.getDefaultCodecRegistry()));
	}

	private static void closeAll(List<AutoCloseable> closing) throws Exception {
		for (AutoCloseable each : closing.reversed()) {
			each.close();
		}
		closing.clear();
	}

}
