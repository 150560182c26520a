package dev.microshop.common.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClients;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.testing.MongoWireServer;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

// The offsets topic in 1 partition, not 50: a consumer group's first join waits for them.
@EmbeddedKafka(partitions = 1, topics = OutboxRelayTests.TOPIC, brokerProperties = "offsets.topic.num.partitions=1")
class OutboxRelayTests {

	static final String TOPIC = "outbox-test";

	private static final EventCodec CODEC = new EventCodec(JsonMapper.builder().build());

	private final String collection = "aggregates-" + UUID.randomUUID();

	private final EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();

	private MongoTemplate mongo;

	private KafkaTemplate<String, String> kafka;

	@BeforeEach
	void setUp() {
		this.mongo = new MongoTemplate(MongoClients.create(MongoWireServer.uri("outbox")), "outbox");
		this.kafka = template(this.broker.getBrokersAsString());
	}

	@AfterEach
	void tearDown() {
		this.kafka.destroy();
	}

	@Test
	void publishesEveryStoredEventInOrderThenRemovesIt() {
		store("a-1", message("a-1", "first"), message("a-1", "second"));
		store("a-2", message("a-2", "third"));
		store("a-3");
		OutboxRelay relay = relay(this.kafka);

		assertThat(relay.publishPending()).isEqualTo(3);

		List<ConsumerRecord<String, String>> records = consumeAll(3);
		assertThat(records).extracting(ConsumerRecord::value).containsExactly("first", "second", "third");
		assertThat(records).extracting(ConsumerRecord::key).containsExactly("a-1", "a-1", "a-2");
		assertThat(new String(records.get(0).headers().lastHeader("event-type").value())).isEqualTo("Tested");
		assertThat(this.mongo.findAll(Document.class, this.collection))
			.allSatisfy((doc) -> assertThat(doc.getList(OutboxMessage.FIELD, Document.class)).isEmpty());
		assertThat(relay.publishPending()).isZero();
	}

	@Test
	void keepsEventsWhileTheBrokerIsUnreachable() {
		store("b-1", message("b-1", "kept"));
		KafkaTemplate<String, String> unreachable = template("127.0.0.1:1");
		try {
			assertThat(relay(unreachable).publishPending()).isZero();
		}
		finally {
			unreachable.destroy();
		}
		assertThat(this.mongo.findById("b-1", Document.class, this.collection)
			.getList(OutboxMessage.FIELD, Document.class)).hasSize(1);

		assertThat(relay(this.kafka).publishPending()).isEqualTo(1);
		assertThat(consumeAll(1)).extracting(ConsumerRecord::value).containsExactly("kept");
	}

	@Test
	void aWakeUpPublishesTheDocumentAtOnceWithoutWaitingForTheSweep() {
		OutboxRelay relay = new OutboxRelay(this.mongo, this.kafka,
				new OutboxProperties(List.of(this.collection), Duration.ofHours(1), null, Duration.ofSeconds(3)), CODEC,
				Tracer.NOOP, Propagator.NOOP);
		relay.start();
		try {
			store("c-1", message("c-1", "announced"));
			relay.wakeUp(this.collection, "c-1");

			assertThat(consumeAll(1)).extracting(ConsumerRecord::value).containsExactly("announced");
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void anEventIsPublishedInTheTraceOfTheWorkThatStoredIt() {
		InMemorySpanExporter exported = InMemorySpanExporter.create();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exported))
			.build()) {
			io.opentelemetry.api.trace.Tracer otel = provider.get("test");
			OtelCurrentTraceContext current = new OtelCurrentTraceContext();
			Tracer tracer = new OtelTracer(otel, current, (event) -> {
			}, new OtelBaggageManager(current, List.of(), List.of()));
			Propagator propagator = new OtelPropagator(
					ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
			OutboxRelay relay = new OutboxRelay(this.mongo, this.kafka,
					new OutboxProperties(List.of(this.collection), null, null, Duration.ofSeconds(3)), CODEC, tracer,
					propagator);

			Span request = tracer.nextSpan().name("request").start();
			OutboxMessage message;
			try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
				message = relay.message(new UserRegistered("u-1", "ada@example.com", "Ada"));
			}
			request.end();
			store("u-1", message);
			assertThat(relay.publishPending()).isEqualTo(1);

			assertThat(message.trace()).containsKey("traceparent");
			assertThat(exported.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("outbox publish"))
				.singleElement()
				.satisfies((publish) -> {
					assertThat(publish.getTraceId()).isEqualTo(request.context().traceId());
					assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
				});
		}
	}

	private OutboxRelay relay(KafkaTemplate<String, String> template) {
		return new OutboxRelay(this.mongo, template,
				new OutboxProperties(List.of(this.collection), null, null, Duration.ofSeconds(3)), CODEC, Tracer.NOOP,
				Propagator.NOOP);
	}

	private void store(String id, OutboxMessage... messages) {
		Document document = new Document("_id", id).append("name", "aggregate " + id);
		List<Document> outbox = new ArrayList<>();
		for (OutboxMessage message : messages) {
			Document stored = new Document();
			this.mongo.getConverter().write(message, stored);
			stored.remove("_class");
			outbox.add(stored);
		}
		this.mongo.insert(document.append(OutboxMessage.FIELD, outbox), this.collection);
	}

	private static OutboxMessage message(String key, String payload) {
		return new OutboxMessage(UUID.randomUUID().toString(), TOPIC, key, "Tested", payload, Instant.now(), Map.of());
	}

	private List<ConsumerRecord<String, String>> consumeAll(int expected) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "outbox-test-" + UUID.randomUUID(),
				false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(TOPIC));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), expected).forEach(records::add);
			return records.subList(records.size() - expected, records.size());
		}
	}

	private static KafkaTemplate<String, String> template(String bootstrapServers) {
		Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
		return new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new StringSerializer()));
	}

}
