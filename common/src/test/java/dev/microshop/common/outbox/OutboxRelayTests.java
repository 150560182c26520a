package dev.microshop.common.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.kafka.EventRecords;
import dev.microshop.common.testing.MongoWireServer;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

// The offsets topic in 1 partition, not 50: a consumer group's first join waits for them.
@EmbeddedKafka(partitions = 1, topics = Topics.USERS, brokerProperties = "offsets.topic.num.partitions=1")
class OutboxRelayTests {

	private static final EventCodec CODEC = new EventCodec(JsonMapper.builder().build());

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();

	private MongoTemplate mongo;

	private KafkaTemplate<String, String> kafka;

	@BeforeEach
	void setUp() {
		this.mongo = new MongoTemplate(MongoClients.create(MongoWireServer.uri("outbox-" + this.run)),
				"outbox-" + this.run);
		this.kafka = template(this.broker.getBrokersAsString());
	}

	@AfterEach
	void tearDown() {
		this.kafka.destroy();
	}

	@Test
	void theSweepPublishesEveryStoredEventInOrderThenRemovesIt() {
		store(id("a-1"), message(id("a-1"), "first"), message(id("a-1"), "second"));
		store(id("a-2"), message(id("a-2"), "third"));
		store(id("a-3"));
		OutboxRelay relay = relay(this.kafka);

		assertThat(relay.publishPending()).isEqualTo(3);

		List<ConsumerRecord<String, String>> records = consume(3);
		assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("first", "second", "third");
		assertThat(records).filteredOn((record) -> record.key().equals(id("a-1")))
			.extracting(ConsumerRecord::value)
			.containsExactly("first", "second");
		assertThat(new String(records.get(0).headers().lastHeader(EventRecords.TYPE_HEADER).value()))
			.isEqualTo("Tested");
		assertThat(this.mongo.findAll(Document.class, Aggregate.COLLECTION))
			.allSatisfy((doc) -> assertThat(doc.getList(OutboxMessage.FIELD, Document.class)).isEmpty());
		assertThat(relay.publishPending()).isZero();
	}

	@Test
	void keepsEventsWhileTheBrokerIsUnreachable() {
		store(id("b-1"), message(id("b-1"), "kept"));
		KafkaTemplate<String, String> unreachable = template("127.0.0.1:1");
		try {
			assertThat(relay(unreachable).publishPending()).isZero();
		}
		finally {
			unreachable.destroy();
		}
		assertThat(pendingIn(id("b-1"))).hasSize(1);

		assertThat(relay(this.kafka).publishPending()).isEqualTo(1);
		assertThat(consume(1)).extracting(ConsumerRecord::value).containsExactly("kept");
	}

	@Test
	void aWriteIsPublishedAtOnceWithoutWaitingForTheSweep() {
		OutboxRelay relay = new OutboxRelay(this.mongo, this.kafka,
				new OutboxProperties(List.of(Aggregate.COLLECTION), Duration.ofHours(1), null, Duration.ofSeconds(3)),
				Tracer.NOOP, Propagator.NOOP);
		relay.start();
		try {
			insert(relay, id("c-1"), registered(id("c-1"), "announced"));

			assertThat(consume(1)).extracting(this::displayName).containsExactly("announced");
			assertThat(pendingIn(id("c-1"))).isEmpty();
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void aBatchKeepsTheOrderOfEachDocumentsEvents() {
		OutboxRelay relay = relay(this.kafka);
		Outbox outbox = outbox(relay, Tracer.NOOP, Propagator.NOOP);
		insert(relay, id("d-1"), registered(id("d-1"), "1a"), registered(id("d-1"), "1b"));
		insert(relay, id("d-2"), registered(id("d-2"), "2a"));
		assertThat(outbox.update(byId(id("d-1")), Update.update("name", "changed"),
				List.of(registered(id("d-1"), "1c")), Aggregate.class))
			.isTrue();
		assertThat(outbox.update(byId(id("d-2")), Update.update("name", "changed"),
				List.of(registered(id("d-2"), "2b"), registered(id("d-2"), "2c")), Aggregate.class))
			.isTrue();

		// All five writes in one batch.
		assertThat(relay.publishWritten()).isEqualTo(6);

		List<ConsumerRecord<String, String>> records = consume(6);
		assertThat(records).filteredOn((record) -> record.key().equals(id("d-1")))
			.extracting(this::displayName)
			.containsExactly("1a", "1b", "1c");
		assertThat(records).filteredOn((record) -> record.key().equals(id("d-2")))
			.extracting(this::displayName)
			.containsExactly("2a", "2b", "2c");
		assertThat(pendingIn(id("d-1"))).isEmpty();
		assertThat(pendingIn(id("d-2"))).isEmpty();
		assertThat(relay.publishPending()).isZero();
	}

	@Test
	void anUpdateThatMatchesNothingStoresAndPublishesNothing() {
		OutboxRelay relay = relay(this.kafka);
		Outbox outbox = outbox(relay, Tracer.NOOP, Propagator.NOOP);
		insert(relay, id("e-1"), registered(id("e-1"), "placed"));
		assertThat(relay.publishWritten()).isEqualTo(1);

		Query stale = Query.query(Criteria.where("_id").is(id("e-1")).and("name").is("not its name"));
		assertThat(outbox.update(stale, Update.update("name", "changed"), List.of(registered(id("e-1"), "never")),
				Aggregate.class))
			.isFalse();

		assertThat(relay.publishWritten()).isZero();
		assertThat(this.mongo.findById(id("e-1"), Document.class, Aggregate.COLLECTION).getString("name"))
			.isEqualTo("aggregate");
		assertThat(pendingIn(id("e-1"))).isEmpty();
	}

	@Test
	void anEventLeftPendingIsPublishedBeforeTheNextOneOfItsDocument() {
		store(id("f-1"), message(id("f-1"), "left by a crash"));
		OutboxRelay relay = relay(this.kafka);
		Outbox outbox = outbox(relay, Tracer.NOOP, Propagator.NOOP);

		assertThat(outbox.update(byId(id("f-1")), Update.update("name", "changed"),
				List.of(registered(id("f-1"), "next")), Aggregate.class))
			.isTrue();
		assertThat(relay.publishWritten()).isEqualTo(2);

		assertThat(consume(2)).extracting(ConsumerRecord::value).first().isEqualTo("left by a crash");
		assertThat(pendingIn(id("f-1"))).isEmpty();
	}

	@Test
	void aBrokerFailureMidBatchLosesNothingAndPublishesNothingTwice() {
		// The broker refuses the first event of g-1 (as when its partition's leader is
		// away), and takes everything else.
		String refused = id("g-1");
		KafkaTemplate<String, String> failingOnce = new KafkaTemplate<>(this.kafka.getProducerFactory()) {

			private boolean failed;

			@Override
			public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
				if (!this.failed && record.key().equals(refused)) {
					this.failed = true;
					return CompletableFuture.failedFuture(new IllegalStateException("leader not available"));
				}
				return super.send(record);
			}

		};
		OutboxRelay relay = relay(failingOnce);
		insert(relay, id("g-1"), registered(id("g-1"), "g1-first"), registered(id("g-1"), "g1-second"));
		insert(relay, id("g-2"), registered(id("g-2"), "g2"));
		insert(relay, id("g-3"), registered(id("g-3"), "g3-first"), registered(id("g-3"), "g3-second"));

		assertThat(relay.publishWritten()).isEqualTo(3);
		// The refused event and the one after it stay in their document, in order.
		assertThat(pendingIn(id("g-1"))).extracting(OutboxMessage::payload)
			.allSatisfy((payload) -> assertThat(payload).contains("g1-"))
			.hasSize(2);
		assertThat(pendingIn(id("g-2"))).isEmpty();
		assertThat(pendingIn(id("g-3"))).isEmpty();

		assertThat(relay.publishPending()).isEqualTo(2);

		List<ConsumerRecord<String, String>> records = consume(5);
		assertThat(records).extracting(this::displayName)
			.containsExactlyInAnyOrder("g1-first", "g1-second", "g2", "g3-first", "g3-second");
		assertThat(records).filteredOn((record) -> record.key().equals(id("g-1")))
			.extracting(this::displayName)
			.containsExactly("g1-first", "g1-second");
		assertThat(pendingIn(id("g-1"))).isEmpty();
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
					new OutboxProperties(List.of(Aggregate.COLLECTION), null, null, Duration.ofSeconds(3)), tracer,
					propagator);
			Outbox outbox = outbox(relay, tracer, propagator);

			Span request = tracer.nextSpan().name("request").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
				outbox.insert(List.of(new UserRegistered(id("u-1"), "ada@example.com", "Ada")),
						(messages) -> new Aggregate(id("u-1"), "aggregate", messages));
			}
			request.end();
			assertThat(pendingIn(id("u-1"))).singleElement()
				.satisfies((message) -> assertThat(message.trace()).containsKey("traceparent"));
			assertThat(relay.publishWritten()).isEqualTo(1);

			assertThat(exported.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("outbox publish"))
				.singleElement()
				.satisfies((publish) -> {
					assertThat(publish.getTraceId()).isEqualTo(request.context().traceId());
					assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
				});
		}
	}

	private String id(String name) {
		return name + "-" + this.run;
	}

	private OutboxRelay relay(KafkaTemplate<String, String> template) {
		return new OutboxRelay(this.mongo, template,
				new OutboxProperties(List.of(Aggregate.COLLECTION), null, null, Duration.ofSeconds(3)), Tracer.NOOP,
				Propagator.NOOP);
	}

	private Outbox outbox(OutboxRelay relay, Tracer tracer, Propagator propagator) {
		return new Outbox(this.mongo, relay, CODEC, tracer, propagator);
	}

	private void insert(OutboxRelay relay, String id, Event... events) {
		outbox(relay, Tracer.NOOP, Propagator.NOOP).insert(List.of(events),
				(messages) -> new Aggregate(id, "aggregate", messages));
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	private static UserRegistered registered(String id, String marker) {
		return new UserRegistered(id, "user@example.com", marker);
	}

	private String displayName(ConsumerRecord<String, String> record) {
		return ((UserRegistered) CODEC.read(record.value()).data()).displayName();
	}

	private List<OutboxMessage> pendingIn(String id) {
		return OutboxMessage.listOf(this.mongo.findById(id, Document.class, Aggregate.COLLECTION));
	}

	/** Stores a document as an earlier write (or a crash) left it, without the relay. */
	private void store(String id, OutboxMessage... messages) {
		this.mongo.insert(new Aggregate(id, "aggregate", List.of(messages)));
	}

	private static OutboxMessage message(String key, String payload) {
		return new OutboxMessage(UUID.randomUUID().toString(), Topics.USERS, key, "Tested", payload, Instant.now(),
				Map.of());
	}

	/**
	 * Reads this test's records (by their keys) from the beginning until {@code expected}
	 * arrived, and then whatever follows them, so that a duplicate would be seen.
	 */
	private List<ConsumerRecord<String, String>> consume(int expected) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "outbox-test-" + UUID.randomUUID(),
				false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.USERS));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				poll(consumer, records, Duration.ofMillis(200));
			}
			poll(consumer, records, Duration.ofMillis(500));
			return records;
		}
	}

	private void poll(Consumer<String, String> consumer, List<ConsumerRecord<String, String>> into, Duration timeout) {
		for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
			if (record.key().endsWith(this.run)) {
				into.add(record);
			}
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

	@org.springframework.data.mongodb.core.mapping.Document(Aggregate.COLLECTION)
	record Aggregate(@Id String id, String name, List<OutboxMessage> outbox) {

		static final String COLLECTION = "aggregates";

	}

}
