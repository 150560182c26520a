package dev.microshop.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event of a run delivered again, three times, changes nothing: no second payment,
 * no second notification, no status change.
 */
@ExtendWith(Platform.class)
class RedeliverySystemTests {

	private static final Gateway gateway = new Gateway();

	private static final List<String> TOPICS = List.of("user-events", "order-events", "payment-events");

	@Test
	void everyEventConsumedThreeMoreTimesChangesNothing() {
		Shopper fay = Shopper.register(gateway, "fay");
		List<String> orders = new ArrayList<>();
		orders.add(fay.place(Shopper.cheapestProduct(gateway), 2).json().path("id").asString());
		orders.add(fay.place(Shopper.productPricedAtLeast(gateway, 250), 5).json().path("id").asString());
		Map<String, String> statuses = new HashMap<>();
		for (String order : orders) {
			statuses.put(order, fay.awaitFinal(order).path("status").asString());
		}
		// The last event of the run: the second order's notification.
		await().atMost(Shopper.SAGA_PATIENCE).until(() -> fay.get("/api/notifications").size() == 3);
		JsonNode notificationsBefore = fay.get("/api/notifications");

		// This run's events: keyed by the user and by the two orders.
		List<String> keys = new ArrayList<>(orders);
		keys.add(fay.get("/api/users/me").path("id").asString());
		List<ConsumerRecord<String, String>> run = allRecords().stream()
			.filter((record) -> keys.contains(record.key()))
			.toList();
		// UserRegistered, 2 x OrderPlaced, 2 payment outcomes, 2 order outcomes.
		assertThat(run).as("the run's events").hasSize(7);
		try (KafkaProducer<String, String> producer = producer()) {
			for (int time = 0; time < 3; time++) {
				for (ConsumerRecord<String, String> record : run) {
					producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
				}
			}
			producer.flush();
		}
		// One more order after the redeliveries: once it is notified, they were all
		// consumed
		// (each topic keeps the order of one key, and the services read every partition).
		String marker = fay.place(Shopper.cheapestProduct(gateway), 1).json().path("id").asString();
		fay.awaitFinal(marker);
		await().atMost(Shopper.SAGA_PATIENCE).until(() -> fay.get("/api/notifications").size() >= 4);

		for (String order : orders) {
			assertThat(fay.get("/api/orders/" + order).path("status").asString()).isEqualTo(statuses.get(order));
			assertThat(fay.get("/api/payments?orderId=" + order).size()).as("payments of %s", order).isEqualTo(1);
		}
		JsonNode notificationsAfter = fay.get("/api/notifications");
		assertThat(notificationsAfter.size()).isEqualTo(notificationsBefore.size() + 1);
		assertThat(notificationsAfter.get(0).path("orderId").asString()).isEqualTo(marker);
	}

	/**
	 * Every record of the platform's topics, from the beginning.
	 */
	private static List<ConsumerRecord<String, String>> allRecords() {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "redelivery-" + UUID.randomUUID());
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : TOPICS) {
				for (PartitionInfo info : consumer.partitionsFor(topic)) {
					partitions.add(new TopicPartition(topic, info.partition()));
				}
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return partitions.stream().allMatch((p) -> consumer.position(p) >= end.get(p));
			});
			return records;
		}
	}

	private static KafkaProducer<String, String> producer() {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
	}

}
