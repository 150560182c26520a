package dev.microshop.common.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.awaitility.Awaitility.await;

/**
 * Reads what was published on a topic of the embedded broker, as an independent consumer
 * of its own group.
 */
public final class TopicReader {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private TopicReader() {
	}

	/**
	 * Reads the topic from the start until {@code expected} records with the key are
	 * seen, then one second longer, so that an unexpected extra record is seen too.
	 */
	public static List<ConsumerRecord<String, String>> recordsWithKey(EmbeddedKafkaBroker broker, String topic,
			String key, int expected) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "inspect-" + UUID.randomUUID(), false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			await().atMost(PATIENCE).until(() -> {
				poll(consumer, key, found, Duration.ofMillis(200));
				return found.size() >= expected;
			});
			poll(consumer, key, found, Duration.ofSeconds(1));
			return found;
		}
	}

	private static void poll(Consumer<String, String> consumer, String key, List<ConsumerRecord<String, String>> found,
			Duration timeout) {
		consumer.poll(timeout).forEach((record) -> {
			if (key.equals(record.key())) {
				found.add(record);
			}
		});
	}

}
