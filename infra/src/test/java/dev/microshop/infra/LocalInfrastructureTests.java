package dev.microshop.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real servers on free ports and talks to them with the real Kafka and MongoDB
 * clients, as the services do.
 */
class LocalInfrastructureTests {

	private static final String TOPIC = "orders.placed";

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	@TempDir
	Path dataDir;

	@Test
	void kafkaRecordsAndMongoDocumentsSurviveARestart() throws Exception {
		InfrastructureSettings settings = settingsOnFreePorts();

		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings)) {
			try (KafkaProducer<String, String> producer = producer(settings)) {
				producer.send(new ProducerRecord<>(TOPIC, "order-1", "{\"orderId\":\"order-1\"}")).get();
			}
			try (KafkaConsumer<String, String> consumer = consumer(settings, "notification-service")) {
				List<ConsumerRecord<String, String>> records = pollUntilRecords(consumer);
				assertThat(records).extracting(ConsumerRecord::value).containsExactly("{\"orderId\":\"order-1\"}");
				consumer.commitSync();
			}
			try (MongoClient client = MongoClients.create(settings.mongoUri())) {
				orders(client).insertOne(new Document("_id", "order-1").append("status", "PENDING"));
				assertThat(orders(client).find(eq("_id", "order-1")).first()).containsEntry("status", "PENDING");
			}
		}

		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings)) {
			try (MongoClient client = MongoClients.create(settings.mongoUri())) {
				assertThat(orders(client).find(eq("_id", "order-1")).first()).containsEntry("status", "PENDING");
			}
			try (KafkaConsumer<String, String> consumer = consumer(settings, "a-new-reader")) {
				assertThat(pollUntilRecords(consumer)).extracting(ConsumerRecord::key).containsExactly("order-1");
			}
			try (KafkaConsumer<String, String> consumer = consumer(settings, "notification-service")) {
				Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(PARTITION));
				assertThat(committed.get(PARTITION).offset()).as("committed offset kept across the restart")
					.isEqualTo(1);
			}
		}
	}

	@Test
	void aSecondInstanceOnTheSamePortsFailsWithAClearMessage() throws Exception {
		InfrastructureSettings settings = settingsOnFreePorts();
		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings)) {
			assertThatIOException().isThrownBy(() -> LocalInfrastructure.start(settings))
				.withMessage("Port " + settings.kafkaPort() + " for Kafka is already in use on 127.0.0.1"
						+ " (is the platform already running?)");
		}
	}

	@Test
	void withAnExternalKafkaOnlyMongoDbIsStarted() throws Exception {
		InfrastructureSettings free = settingsOnFreePorts();
		InfrastructureSettings settings = new InfrastructureSettings(this.dataDir, free.kafkaPort(),
				free.controllerPort(), free.mongoPort(), false, true);
		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings);
				MongoClient client = MongoClients.create(settings.mongoUri())) {
			orders(client).insertOne(new Document("_id", "order-2"));
			assertThat(orders(client).countDocuments()).isOne();
			assertThatIOException().as("nothing listens on the Kafka port")
				.isThrownBy(() -> new Socket(InfrastructureSettings.HOST, settings.kafkaPort()).close());
		}
	}

	@Test
	void listeningOnEveryInterfaceBothServersAnswerAsInAContainer() throws Exception {
		InfrastructureSettings free = settingsOnFreePorts();
		InfrastructureSettings settings = new InfrastructureSettings(this.dataDir, free.kafkaPort(),
				free.controllerPort(), free.mongoPort(), true, true, "0.0.0.0", InfrastructureSettings.HOST);
		try (LocalInfrastructure infrastructure = LocalInfrastructure.start(settings);
				MongoClient client = MongoClients.create(settings.mongoUri())) {
			orders(client).insertOne(new Document("_id", "order-3"));
			assertThat(orders(client).countDocuments()).isOne();
			try (KafkaProducer<String, String> producer = producer(settings)) {
				producer.send(new ProducerRecord<>(TOPIC, "order-3", "{}")).get();
			}
		}
		assertThatIOException().as("stopped broker")
			.isThrownBy(() -> new Socket(InfrastructureSettings.HOST, settings.kafkaPort()).close());
		assertThatIOException().as("stopped server")
			.isThrownBy(() -> new Socket(InfrastructureSettings.HOST, settings.mongoPort()).close());
	}

	private InfrastructureSettings settingsOnFreePorts() throws IOException {
		try (ServerSocket kafka = new ServerSocket(0);
				ServerSocket controller = new ServerSocket(0);
				ServerSocket mongo = new ServerSocket(0)) {
			return new InfrastructureSettings(this.dataDir, kafka.getLocalPort(), controller.getLocalPort(),
					mongo.getLocalPort());
		}
	}

	private static MongoCollection<Document> orders(MongoClient client) {
		return client.getDatabase("orders").getCollection("orders");
	}

	private static KafkaProducer<String, String> producer(InfrastructureSettings settings) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(InfrastructureSettings settings, String group) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(TOPIC));
		return consumer;
	}

	private static List<ConsumerRecord<String, String>> pollUntilRecords(KafkaConsumer<String, String> consumer) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			return !records.isEmpty();
		});
		return records;
	}

}
