package dev.microshop.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under the saga's figure, measured on the same broker in the same run: what
 * the saga's two hops cost with nothing but Kafka in them. Records sent at a fixed rate
 * to one topic are consumed and produced again to a second topic (as payment-service
 * answers OrderPlaced), consumed from there and produced to a third (as order-service
 * answers the payment), with the Kafka clients' default settings, as the services use
 * them. The latency of each is the third record's timestamp minus the first's: the same
 * clock, producer to producer, as the saga's OrderPlaced → OrderConfirmed.
 */
final class BrokerFloor {

	static final List<String> TOPICS = List.of("benchmark-floor-1", "benchmark-floor-2", "benchmark-floor-3");

	/** About the size of an OrderPlaced record. */
	private static final String PAYLOAD = "x".repeat(600);

	private final String bootstrapServers;

	BrokerFloor(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Creates the floor's topics, with as many partitions as the saga's topic, if they do
	 * not exist yet.
	 */
	void createTopics() throws InterruptedException, ExecutionException {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (Admin admin = Admin.create(properties)) {
			int partitions = admin.describeTopics(Set.of(OrderEventClock.TOPIC))
				.allTopicNames()
				.get()
				.get(OrderEventClock.TOPIC)
				.partitions()
				.size();
			for (String topic : TOPICS) {
				try {
					admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
	}

	/**
	 * Sends {@code rate × seconds} records through the two hops and returns the latencies
	 * of those that came through within {@code drain} after the last was sent.
	 */
	Latencies measure(double rate, int seconds, Duration drain) throws InterruptedException {
		int total = (int) Math.round(rate * seconds);
		Map<String, Long> arrived = new ConcurrentHashMap<>();
		List<Hop> hops = List.of(new Hop(TOPICS.get(0), TOPICS.get(1), null),
				new Hop(TOPICS.get(1), TOPICS.get(2), null), new Hop(TOPICS.get(2), null, arrived));
		Map<String, Long> sentAt = new ConcurrentHashMap<>();
		try (KafkaProducer<String, String> producer = producer()) {
			long period = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				LockSupport.parkNanos(start + i * period - System.nanoTime());
				String key = "floor-" + start + "-" + i;
				producer.send(new ProducerRecord<>(TOPICS.get(0), key, PAYLOAD),
						(metadata, ex) -> sentAt.put(key, (ex == null) ? metadata.timestamp() : -1));
			}
			producer.flush();
			long deadline = System.nanoTime() + drain.toNanos();
			while (arrived.size() < total && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}
		finally {
			for (Hop hop : hops) {
				hop.close();
			}
		}
		double[] millis = arrived.entrySet()
			.stream()
			.filter((entry) -> sentAt.getOrDefault(entry.getKey(), -1L) > 0)
			.mapToDouble((entry) -> entry.getValue() - sentAt.get(entry.getKey()))
			.toArray();
		return Latencies.of(millis);
	}

	private KafkaProducer<String, String> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

	/**
	 * Reads one topic from its end; produces each record again to the next topic, or, on
	 * the last, notes its timestamp.
	 */
	private final class Hop {

		private final KafkaConsumer<String, String> consumer;

		private final KafkaProducer<String, String> producer;

		private final Thread thread;

		Hop(String from, String to, Map<String, Long> arrived) {
			this.consumer = new KafkaConsumer<>(OrderEventClock.consumerProperties(BrokerFloor.this.bootstrapServers),
					new StringDeserializer(), new StringDeserializer());
			List<TopicPartition> partitions = new ArrayList<>();
			this.consumer.partitionsFor(from, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(from, info.partition())));
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
			this.producer = (to != null) ? producer() : null;
			this.thread = Thread.ofPlatform().name("floor-" + from).daemon().start(() -> {
				try {
					while (true) {
						for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
							if (to != null) {
								this.producer.send(new ProducerRecord<>(to, record.key(), record.value()));
							}
							else {
								arrived.putIfAbsent(record.key(), record.timestamp());
							}
						}
					}
				}
				catch (WakeupException ex) {
					// Closed.
				}
			});
		}

		void close() throws InterruptedException {
			this.consumer.wakeup();
			this.thread.join();
			this.consumer.close();
			if (this.producer != null) {
				this.producer.close();
			}
		}

	}

}
