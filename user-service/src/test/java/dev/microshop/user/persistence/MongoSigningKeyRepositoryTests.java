package dev.microshop.user.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.MongoWireServer;
import dev.microshop.user.application.JwtProperties;
import dev.microshop.user.application.SigningKeys;
import dev.microshop.user.domain.SigningKey;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database-kept signing key against a real MongoDB wire server, as several service
 * starts see it.
 */
class MongoSigningKeyRepositoryTests {

	private static final JwtProperties PROPERTIES = new JwtProperties("microshop", "microshop-api",
			Duration.ofMinutes(15), null);

	private final String database = "signing-keys-" + UUID.randomUUID();

	private final MongoClient client = MongoClients.create(MongoWireServer.uri(this.database));

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void theKeySurvivesARestart() {
		SigningKeys firstStart = new SigningKeys(PROPERTIES, newRepository());
		SigningKeys secondStart = new SigningKeys(PROPERTIES, newRepository());

		assertThat(secondStart.activeKey().getKeyID()).isEqualTo(firstStart.activeKey().getKeyID());
		assertThat(secondStart.activeKey()).isEqualTo(firstStart.activeKey());
		assertThat(collection().countDocuments()).isOne();
	}

	@Test
	void replicasStartingTogetherShareOneKey() throws Exception {
		int replicas = 4;
		CyclicBarrier start = new CyclicBarrier(replicas);
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		try {
			List<Callable<String>> starts = IntStream.range(0, replicas).<Callable<String>>mapToObj((i) -> () -> {
				MongoSigningKeyRepository repository = newRepository();
				start.await();
				return new SigningKeys(PROPERTIES, repository).activeKey().getKeyID();
			}).toList();
			Set<String> kids = executor.invokeAll(starts)
				.stream()
				.map(MongoSigningKeyRepositoryTests::get)
				.collect(Collectors.toSet());

			assertThat(kids).hasSize(1);
			assertThat(collection().countDocuments()).isOne();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void theFirstKeyStoredWinsARace() throws Exception {
		MongoSigningKeyRepository repository = newRepository();
		SigningKey winner = repository.activateIfNone(newKey());
		SigningKey loser = newKey();

		SigningKey active = newRepository().activateIfNone(loser);

		assertThat(active.kid()).isEqualTo(winner.kid()).isNotEqualTo(loser.kid());
		assertThat(active.privateKey()).isEqualTo(winner.privateKey());
		assertThat(repository.findAll()).extracting(SigningKey::kid).containsExactly(winner.kid());
	}

	@Test
	void storesTheKeyInStandardEncodings() throws Exception {
		SigningKey key = newRepository().activateIfNone(newKey());

		Document stored = collection().find().first();
		assertThat(stored).isNotNull();
		assertThat(stored.getString("_id")).isEqualTo("active");
		assertThat(stored.getString("kid")).isEqualTo(key.kid());
		assertThat(stored.getBoolean("active")).isTrue();
		assertThat(stored.get("createdAt")).isNotNull();
		assertThat(stored.get("privateKey", Binary.class).getData()).isEqualTo(key.privateKey().getEncoded());
		assertThat(key.privateKey().getFormat()).isEqualTo("PKCS#8");
		assertThat(stored.get("publicKey", Binary.class).getData()).isEqualTo(key.publicKey().getEncoded());
		assertThat(key.publicKey().getFormat()).isEqualTo("X.509");
	}

	private MongoSigningKeyRepository newRepository() {
		return new MongoSigningKeyRepository(new MongoTemplate(this.client, this.database));
	}

	private MongoCollection<Document> collection() {
		return this.client.getDatabase(this.database).getCollection("signing_keys");
	}

	private static SigningKey newKey() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		return new SigningKey(key.getKeyID(), key.toECPrivateKey(), key.toECPublicKey(), Instant.now(), true);
	}

	private static <T> T get(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
