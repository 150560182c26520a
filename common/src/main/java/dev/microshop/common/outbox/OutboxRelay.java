package dev.microshop.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events stored in the {@code outbox} array of aggregate documents, then
 * removes them from the array: the transactional outbox, on single-document writes.
 * <p>
 * Delivery is at least once: if the process dies after a publish and before the removal,
 * the event is published again after restart, and consumers ignore it by its id. Events
 * of one document are published in order, and a failed one stops the document's later
 * events until it succeeds, so the order per aggregate holds.
 * <p>
 * Runs on its own thread. A write announced with {@link #wakeUp(String, Object)} is
 * published at once, its document read by id; a sweep over every document at start-up and
 * each poll interval publishes anything else still pending. Scans stay rare, which
 * matters on a store without secondary indexes, such as the embedded Mongo wire server.
 * <p>
 * Tracing: each message keeps the trace context of the work that stored it (an HTTP
 * request, a consumed record), and its publish runs in a span of that trace, so one order
 * is one trace from the gateway to the last consumer, across the outbox's delay and
 * thread.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoOperations mongo;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxProperties properties;

	private final EventCodec codec;

	private final Tracer tracer;

	private final Propagator propagator;

	private final Semaphore signal = new Semaphore(0);

	private final Queue<Written> written = new ConcurrentLinkedQueue<>();

	private volatile Thread worker;

	/**
	 * Creates a relay; {@link Tracer#NOOP} and {@link Propagator#NOOP} when nothing is
	 * traced.
	 */
	public OutboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
			EventCodec codec, Tracer tracer, Propagator propagator) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.codec = codec;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Returns an event happening now as the message to store in its aggregate's
	 * {@code outbox} array, in the same write as the change it records.
	 */
	public OutboxMessage message(Event event) {
		Map<String, String> trace = new HashMap<>();
		TraceContext current = this.tracer.currentTraceContext().context();
		if (current != null) {
			this.propagator.inject(current, trace, Map::put);
		}
		return OutboxMessage.of(EventEnvelope.of(event), this.codec, trace);
	}

	/**
	 * Tells the relay that a document of the given mapped type has new events.
	 * @see #wakeUp(String, Object)
	 */
	public void wakeUp(Class<?> documentType, Object documentId) {
		wakeUp(this.mongo.getCollectionName(documentType), documentId);
	}

	/**
	 * Tells the relay that a document has new events: they are published at once, read by
	 * id, without a scan.
	 */
	public void wakeUp(String collection, Object documentId) {
		this.written.add(new Written(collection, documentId));
		if (this.signal.availablePermits() == 0) {
			this.signal.release();
		}
	}

	/**
	 * Publishes what is pending in every document of every collection: the sweep that
	 * runs at start-up and every poll interval, and catches whatever no wake-up announced
	 * (events left by a crash, or not published while the broker was away).
	 * @return the number of events published
	 */
	public int publishPending() {
		int published = 0;
		for (String collection : this.properties.collections()) {
			Query pending = Query.query(Criteria.where(OutboxMessage.FIELD + ".0").exists(true))
				.limit(this.properties.batchSize());
			pending.fields().include(OutboxMessage.FIELD);
			published += publish(collection, this.mongo.find(pending, Document.class, collection));
		}
		return published;
	}

	private int publishWritten() {
		int published = 0;
		for (Written next = this.written.poll(); next != null; next = this.written.poll()) {
			Query byId = Query.query(Criteria.where("_id").is(next.documentId()));
			byId.fields().include(OutboxMessage.FIELD);
			published += publish(next.collection(), this.mongo.find(byId, Document.class, next.collection()));
		}
		return published;
	}

	private int publish(String collection, List<Document> documents) {
		List<Sent> sent = new ArrayList<>();
		for (Document document : documents) {
			List<Document> messages = document.getList(OutboxMessage.FIELD, Document.class);
			for (Document message : (messages != null) ? messages : List.<Document>of()) {
				sent.add(new Sent(document.get("_id"), message.getString("eventId"), send(message)));
			}
		}
		int published = 0;
		Object blocked = null;
		for (Sent each : sent) {
			if (each.documentId().equals(blocked)) {
				continue;
			}
			if (each.await(this.properties.sendTimeout().toMillis())) {
				Update remove = new Update().pull(OutboxMessage.FIELD, new Document("eventId", each.eventId()));
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(each.documentId())), remove, collection);
				published++;
			}
			else {
				blocked = each.documentId();
			}
		}
		return published;
	}

	private CompletableFuture<?> send(Document message) {
		ProducerRecord<String, String> record = new ProducerRecord<>(message.getString("topic"),
				message.getString("key"), message.getString("payload"));
		record.headers()
			.add("event-id", message.getString("eventId").getBytes(StandardCharsets.UTF_8))
			.add("event-type", message.getString("type").getBytes(StandardCharsets.UTF_8));
		Document trace = message.get("trace", Document.class);
		Span span = this.propagator.extract((trace != null) ? trace : new Document(), Document::getString)
			.name("outbox publish")
			.tag("messaging.destination.name", record.topic())
			.tag("event.type", message.getString("type"))
			.start();
		// The template's own observation makes the send span a child of this one and
		// writes the trace context into the record's headers.
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return this.kafka.send(record).whenComplete((result, ex) -> end(span, ex));
		}
		catch (RuntimeException ex) {
			// The producer gives up synchronously when it cannot even fetch metadata.
			end(span, ex);
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static void end(Span span, Throwable failure) {
		if (failure != null) {
			span.error(failure);
		}
		span.end();
	}

	private void run() {
		long nextSweep = 0;
		while (this.worker == Thread.currentThread()) {
			try {
				publishWritten();
				if (System.nanoTime() - nextSweep >= 0) {
					publishPending();
					nextSweep = System.nanoTime() + this.properties.pollInterval().toNanos();
				}
				if (this.written.isEmpty()) {
					this.signal.tryAcquire(Math.max(1, nextSweep - System.nanoTime()), TimeUnit.NANOSECONDS);
					this.signal.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// The broker or the database is away: keep the events and try again
				// later.
				logger.warn("Outbox relay pass failed, retrying: {}", ex.toString());
				sleepQuietly();
			}
		}
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(this.properties.pollInterval());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.worker = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
		this.worker.start();
	}

	@Override
	public void stop() {
		Thread running = this.worker;
		this.worker = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	private record Written(String collection, Object documentId) {

	}

	private record Sent(Object documentId, String eventId, CompletableFuture<?> result) {

		boolean await(long timeoutMillis) {
			try {
				this.result.get(timeoutMillis, TimeUnit.MILLISECONDS);
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (Exception ex) {
				logger.warn("Could not publish event {}: {}", this.eventId, ex.toString());
				return false;
			}
		}

	}

}
