package dev.microshop.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.OrderCancelled;
import dev.microshop.common.events.Topics;
import dev.microshop.common.testing.EmbeddedBroker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = DeadLettersTests.App.class,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.application.name=dlt-test", "eureka.client.enabled=false", "microshop.kafka.retries=2",
				"microshop.kafka.initial-backoff=20ms", "microshop.kafka.partitions=1",
				"microshop.kafka.dead-letters-refresh=200ms" })
@EmbeddedBroker
class DeadLettersTests {

	private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.ORDERS, "dlt-test");

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventCodec codec;

	@Autowired
	Listener listener;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPoisonRecordIsDeadLetteredAtOnceAndTheNextRecordIsProcessed() {
		double published = published();
		double pending = awaitPendingKnown();
		String good = send(new OrderCancelled("o-" + UUID.randomUUID(), "u-1", "fine"));
		this.kafka.send(Topics.ORDERS, "poison", "{this is not an event");
		String next = send(new OrderCancelled("o-" + UUID.randomUUID(), "u-1", "fine"));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.listener.processed).contains(good, next));
		ConsumerRecord<String, String> dead = deadLetterWithKey("poison");
		assertThat(dead.value()).isEqualTo("{this is not an event");
		assertThat(new String(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN).value()))
			.isEqualTo("dev.microshop.common.events.UnreadableEventException");
		assertThat(published()).isEqualTo(published + 1);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pending()).isEqualTo(pending + 1));
	}

	@Test
	void theDeadLetterMetersOfEachConsumedTopicExistFromTheStart() {
		assertThat(this.meters.find("microshop.deadletters.published").counters())
			.extracting((counter) -> counter.getId().getTag("topic"))
			.containsExactly(Topics.ORDERS);
		assertThat(this.meters.find("microshop.deadletters.pending").gauges())
			.extracting((gauge) -> gauge.getId().getTag("topic"))
			.containsExactly(Topics.ORDERS);
	}

	@Test
	void aFailingRecordIsRetriedThenDeadLetteredThenReplayedAfterTheFix() {
		this.listener.broken.set(true);
		String orderId = "o-" + UUID.randomUUID();
		String failing = send(new OrderCancelled(orderId, "u-1", "fails until fixed"));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.deadLetters.pending().getOrDefault(Topics.ORDERS, 0L) > 0);
		assertThat(this.listener.attempts.get()).as("first try plus 2 retries").isGreaterThanOrEqualTo(3);
		assertThat(this.listener.processed).doesNotContain(failing);
		assertThat(deadLetterWithKey(orderId).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotNull();

		this.listener.broken.set(false);
		long pending = this.deadLetters.pending().get(Topics.ORDERS);
		assertThat(this.deadLetters.replay(Topics.ORDERS)).isEqualTo((int) pending);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.listener.processed).contains(failing));
		assertThat(this.deadLetters.pending()).containsEntry(Topics.ORDERS, 0L);
		assertThat(this.deadLetters.replay(Topics.ORDERS)).as("nothing is replayed twice").isZero();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pending()).isZero());
	}

	private double published() {
		return this.meters.get("microshop.deadletters.published").tag("topic", Topics.ORDERS).counter().count();
	}

	private double pending() {
		return this.meters.get("microshop.deadletters.pending").tag("topic", Topics.ORDERS).gauge().value();
	}

	private double awaitPendingKnown() {
		return await().atMost(Duration.ofSeconds(20)).until(this::pending, (value) -> !Double.isNaN(value));
	}

	private String send(OrderCancelled event) {
		EventEnvelope<OrderCancelled> envelope = EventEnvelope.of(event);
		this.kafka.send(Topics.ORDERS, envelope.aggregateId(), this.codec.write(envelope));
		return envelope.eventId();
	}

	private ConsumerRecord<String, String> deadLetterWithKey(String key) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "inspect-" + UUID.randomUUID(), false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(DEAD_LETTER_TOPIC));
			List<ConsumerRecord<String, String>> found = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (key.equals(record.key())) {
						found.add(record);
					}
				});
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

	// No component scan: it would find the auto-configuration's nested classes in this
	// package and apply them before the meter registry exists.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Listener listener(EventCodec codec) {
			return new Listener(codec);
		}

	}

	static class Listener {

		final List<String> processed = new CopyOnWriteArrayList<>();

		final AtomicBoolean broken = new AtomicBoolean();

		final AtomicInteger attempts = new AtomicInteger();

		private final EventCodec codec;

		Listener(EventCodec codec) {
			this.codec = codec;
		}

		@KafkaListener(topics = Topics.ORDERS)
		void on(String value) {
			EventEnvelope<?> envelope = this.codec.read(value);
			if (this.broken.get()) {
				this.attempts.incrementAndGet();
				throw new IllegalStateException("A downstream system is away");
			}
			this.processed.add(envelope.eventId());
		}

	}

}
