package dev.microshop.common.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.microshop.common.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead-letter topics of this service: how many records wait in each, and replaying
 * them to their original topic once the cause is fixed.
 * <p>
 * Progress is kept as the committed offsets of a replay consumer group, so a record is
 * replayed once, and records dead-lettered later are replayed by the next call.
 */
public class DeadLetters implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(500);

	private final KafkaTemplate<String, String> template;

	private final ConsumerFactory<String, String> consumers;

	private final String service;

	private Consumer<String, String> counting;

	public DeadLetters(KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
			String service) {
		this.template = template;
		this.consumers = consumers;
		this.service = service;
	}

	/**
	 * Returns, per original topic, how many dead letters have not been replayed yet.
	 */
	public synchronized Map<String, Long> pending() {
		Map<String, Long> pending = new LinkedHashMap<>();
		// One consumer for every count (the gauge asks every 30 s): creating one each
		// time
		// cost more than the questions it asks. It only asks for offsets, never joins the
		// group, so it can stay open.
		if (this.counting == null) {
			this.counting = replayConsumer();
		}
		Consumer<String, String> consumer = this.counting;
		try {
			// One metadata request for every topic, not one per topic.
			Map<String, List<PartitionInfo>> topics = consumer.listTopics(POLL.multipliedBy(10));
			for (String topic : Topics.ALL) {
				List<TopicPartition> partitions = partitions(topics, Topics.deadLetter(topic, this.service));
				if (!partitions.isEmpty()) {
					Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
					Map<TopicPartition, Long> start = startOffsets(consumer, partitions);
					pending.put(topic, partitions.stream().mapToLong((p) -> end.get(p) - start.get(p)).sum());
				}
			}
		}
		catch (RuntimeException ex) {
			// A new one next time, whatever state this one was left in.
			close();
			throw ex;
		}
		return pending;
	}

	/**
	 * Closes the consumer that counts the pending dead letters.
	 */
	@Override
	public synchronized void close() {
		if (this.counting != null) {
			this.counting.close();
			this.counting = null;
		}
	}

	/**
	 * Publishes the unreplayed dead letters of one topic back to it.
	 * @param topic the original topic, such as {@code order-events}
	 * @return how many records were replayed
	 */
	public int replay(String topic) {
		String deadLetterTopic = Topics.deadLetter(topic, this.service);
		try (Consumer<String, String> consumer = replayConsumer()) {
			List<TopicPartition> partitions = partitions(consumer.listTopics(POLL.multipliedBy(10)), deadLetterTopic);
			if (partitions.isEmpty()) {
				return 0;
			}
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			consumer.assign(partitions);
			startOffsets(consumer, partitions).forEach(consumer::seek);
			int replayed = 0;
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
						republish(topic, record);
						replayed++;
					}
				}
			}
			Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
			end.forEach((partition, offset) -> done.put(partition, new OffsetAndMetadata(offset)));
			consumer.commitSync(done);
			return replayed;
		}
	}

	private void republish(String topic, ConsumerRecord<String, String> record) {
		ProducerRecord<String, String> replay = new ProducerRecord<>(topic, record.key(), record.value());
		for (Header header : record.headers()) {
			if (!header.key().startsWith(KafkaHeaders.PREFIX)) {
				replay.headers().add(header);
			}
		}
		try {
			this.template.send(replay).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not replay a dead letter to " + topic, ex);
		}
	}

	private Consumer<String, String> replayConsumer() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
		return this.consumers.createConsumer(this.service + "-dead-letter-replay", null, null, overrides);
	}

	private static List<TopicPartition> partitions(Map<String, List<PartitionInfo>> topics, String topic) {
		List<PartitionInfo> infos = topics.get(topic);
		return (infos != null) ? infos.stream().map((i) -> new TopicPartition(topic, i.partition())).toList()
				: List.of();
	}

	private static Map<TopicPartition, Long> startOffsets(Consumer<String, String> consumer,
			List<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
		Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
		Map<TopicPartition, Long> start = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			start.put(partition, (offset != null) ? offset.offset() : beginning.get(partition));
		}
		return start;
	}

}
