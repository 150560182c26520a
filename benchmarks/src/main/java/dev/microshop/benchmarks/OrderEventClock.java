package dev.microshop.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The saga as the broker saw it: for each order key on {@code order-events}, the
 * timestamps of its {@code OrderPlaced} record and of the record that settled it
 * ({@code OrderConfirmed} or {@code OrderCancelled}), told apart by the
 * {@code event-type} header. The timestamps are the records' own (set by the producing
 * service when it sent them, in milliseconds), so reading them later changes nothing:
 * this reader only has to keep up well enough to say when every order has settled.
 */
final class OrderEventClock implements AutoCloseable {

	static final String TOPIC = "order-events";

	/**
	 * The broker's view of one order.
	 *
	 * @param placed the OrderPlaced record's timestamp, or 0
	 * @param settled the settling record's timestamp, or 0
	 * @param settledAs the settling event type
	 */
	record Order(long placed, long settled, String settledAs) {

		boolean isSettled() {
			return this.placed != 0 && this.settled != 0;
		}

		long millis() {
			return this.settled - this.placed;
		}

	}

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread reader;

	/**
	 * Starts reading from the end of every partition of the topic, as it is now.
	 */
	OrderEventClock(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers), new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(TOPIC, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// Resolved now, so that nothing produced from here on is skipped.
		partitions.forEach(this.consumer::position);
		this.reader = Thread.ofPlatform().name("order-events").daemon().start(this::read);
	}

	/**
	 * A reader with no consumer group: it is assigned its partitions and commits nothing.
	 */
	static Properties consumerProperties(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark");
		return properties;
	}

	private void read() {
		try {
			while (true) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					String type = header(record, "event-type");
					if (record.key() == null || type == null) {
						continue;
					}
					long timestamp = record.timestamp();
					switch (type) {
						case "OrderPlaced" -> this.orders.merge(record.key(), new Order(timestamp, 0, null),
								(known, placed) -> (known.placed() != 0) ? known
										: new Order(timestamp, known.settled(), known.settledAs()));
						case "OrderConfirmed",
								"OrderCancelled" ->
							this.orders.merge(record.key(), new Order(0, timestamp, type),
									(known, settled) -> (known.settled() != 0) ? known
											: new Order(known.placed(), timestamp, type));
						default -> {
						}
					}
				}
			}
		}
		catch (WakeupException ex) {
			// Closed.
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	Order order(String key) {
		return this.orders.get(key);
	}

	@Override
	public void close() throws InterruptedException {
		this.consumer.wakeup();
		this.reader.join();
		this.consumer.close();
	}

}
