package dev.microshop.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.kafka.EventRecords;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * of one document are published in order, and a failed one stops the removal of the
 * document's later events, which are then published again after it, so the order per
 * aggregate holds.
 * <p>
 * Runs on its own thread, in batches: the events {@link Outbox} hands over after each
 * write (no read of the document: the write returned what it holds) are sent together,
 * the relay waits once for the broker to acknowledge them all, then removes the
 * acknowledged ones from their documents in one bulk write. A sweep over every document
 * at start-up and each poll interval publishes anything else still pending (events left
 * by a crash, or not published while the broker was away). Scans stay rare, which matters
 * on a store without secondary indexes, such as the embedded Mongo wire server.
 * <p>
 * Tracing: each message keeps the trace context of the work that stored it (an HTTP
 * request, a consumed record), and its publish runs in a span of that trace, so one order
 * is one trace from the gateway to the last consumer, across the outbox's delay and
 * thread.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	/**
	 * How many published event ids are remembered. A write that returns its document can
	 * still hold an event published a moment ago (its removal not yet done): such an
	 * event is not sent again. Forgetting one early only costs a duplicate, which
	 * consumers ignore.
	 */
	private static final int REMEMBERED = 10_000;

	private final MongoOperations mongo;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxProperties properties;

	private final Tracer tracer;

	private final Propagator propagator;

	private final Semaphore signal = new Semaphore(0);

	private final Queue<Written> written = new ConcurrentLinkedQueue<>();

	// Only the relay's thread (or a caller of publishPending while it is stopped) uses
	// it.
	private final Set<String> published = Collections
		.newSetFromMap(new LinkedHashMap<String, Boolean>(REMEMBERED * 4 / 3, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > REMEMBERED;
			}

		});

	private volatile Thread worker;

	/**
	 * Creates a relay; {@link Tracer#NOOP} and {@link Propagator#NOOP} when nothing is
	 * traced.
	 */
	public OutboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
			Tracer tracer, Propagator propagator) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Publishes at once, in order, the events a document holds after a write, as that
	 * write returned them.
	 * @param collection the document's collection
	 * @param documentId the document's id
	 * @param messages every event the document holds, in order
	 */
	void publish(String collection, Object documentId, List<OutboxMessage> messages) {
		this.written.add(new Written(collection, documentId, messages));
		if (this.signal.availablePermits() == 0) {
			this.signal.release();
		}
	}

	/**
	 * Publishes what is pending in every document of every collection: the sweep that
	 * runs at start-up and every poll interval, and catches whatever was not handed over
	 * (events left by a crash, or not published while the broker was away).
	 * @return the number of events published
	 */
	public int publishPending() {
		int published = 0;
		for (String collection : this.properties.collections()) {
			int found;
			int sent;
			do {
				Query pending = Query.query(Criteria.where(OutboxMessage.FIELD + ".0").exists(true))
					.limit(this.properties.batchSize());
				pending.fields().include(OutboxMessage.FIELD);
				List<Written> documents = this.mongo.find(pending, Document.class, collection)
					.stream()
					.map((document) -> new Written(collection, document.get("_id"), OutboxMessage.listOf(document)))
					.toList();
				found = documents.size();
				sent = publish(documents);
				published += sent;
			}
			// A full batch that made progress: there may be more behind it (a backlog
			// left
			// while the broker was away).
			while (found == this.properties.batchSize() && sent > 0);
		}
		return published;
	}

	/**
	 * Publishes what was handed over since the last pass, a batch at a time.
	 * @return the number of events published
	 */
	int publishWritten() {
		int published = 0;
		while (!this.written.isEmpty()) {
			List<Written> batch = new ArrayList<>();
			for (Written next = this.written.poll(); next != null; next = this.written.poll()) {
				batch.add(next);
				if (batch.size() == this.properties.batchSize()) {
					break;
				}
			}
			published += publish(batch);
		}
		return published;
	}

	/**
	 * Publishes the events of the given documents in rounds: each round sends the next
	 * event of every document at once and waits once for the broker, so that a document's
	 * event is sent only after its previous one was acknowledged, and one that fails
	 * stops its document's later events. Then removes every acknowledged event in one
	 * bulk write per collection.
	 */
	private int publish(List<Written> documents) {
		Map<DocumentKey, List<OutboxMessage>> pending = new LinkedHashMap<>();
		for (Written document : documents) {
			// The same document written twice in one batch: the later write returned
			// its earlier events too.
			List<OutboxMessage> messages = pending.computeIfAbsent(
					new DocumentKey(document.collection(), document.documentId()), (key) -> new ArrayList<>());
			for (OutboxMessage message : document.messages()) {
				if (!this.published.contains(message.eventId())
						&& messages.stream().noneMatch((m) -> m.eventId().equals(message.eventId()))) {
					messages.add(message);
				}
			}
		}
		Map<DocumentKey, List<String>> acknowledged = new LinkedHashMap<>();
		boolean brokerAway = false;
		for (int round = 0; !brokerAway; round++) {
			List<Sent> sent = new ArrayList<>();
			for (Map.Entry<DocumentKey, List<OutboxMessage>> document : pending.entrySet()) {
				if (document.getValue().size() <= round) {
					continue;
				}
				OutboxMessage message = document.getValue().get(round);
				CompletableFuture<?> result;
				try {
					result = send(message);
				}
				catch (RuntimeException ex) {
					// The producer gave up at once (no metadata: the broker is away). The
					// rest would wait as long each: leave them to the sweep.
					logger.warn("Could not publish event {}: {}", message.eventId(), ex.toString());
					brokerAway = true;
					break;
				}
				sent.add(new Sent(document.getKey(), message.eventId(), result));
			}
			if (sent.isEmpty()) {
				break;
			}
			long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
			for (Sent each : sent) {
				if (each.await(deadline)) {
					acknowledged.computeIfAbsent(each.document(), (key) -> new ArrayList<>()).add(each.eventId());
				}
				else {
					pending.remove(each.document());
				}
			}
		}
		int removed = 0;
		Map<String, Map<Object, List<String>>> byCollection = new LinkedHashMap<>();
		acknowledged.forEach((document, eventIds) -> byCollection
			.computeIfAbsent(document.collection(), (c) -> new LinkedHashMap<>())
			.put(document.id(), eventIds));
		for (Map.Entry<String, Map<Object, List<String>>> collection : byCollection.entrySet()) {
			removed += remove(collection.getKey(), collection.getValue());
		}
		return removed;
	}

	private int remove(String collection, Map<Object, List<String>> eventIds) {
		BulkOperations removal = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
		int count = 0;
		for (Map.Entry<Object, List<String>> document : eventIds.entrySet()) {
			removal.updateOne(Query.query(Criteria.where("_id").is(document.getKey())), new Update()
				.pull(OutboxMessage.FIELD, new Document("eventId", new Document("$in", document.getValue()))));
			count += document.getValue().size();
		}
		// If it fails, the events stay in their documents and are not remembered as
		// published: the sweep publishes them again.
		removal.execute();
		eventIds.values().forEach(this.published::addAll);
		return count;
	}

	private CompletableFuture<?> send(OutboxMessage message) {
		ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
		record.headers()
			.add(EventRecords.ID_HEADER, message.eventId().getBytes(StandardCharsets.UTF_8))
			.add(EventRecords.TYPE_HEADER, message.type().getBytes(StandardCharsets.UTF_8));
		Span span = this.propagator.extract(message.trace(), Map::get)
			.name("outbox publish")
			.tag("messaging.destination.name", record.topic())
			.tag("event.type", message.type())
			.start();
		// The template's own observation makes the send span a child of this one and
		// writes the trace context into the record's headers.
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return this.kafka.send(record).whenComplete((result, ex) -> end(span, ex));
		}
		catch (RuntimeException ex) {
			// The producer gives up synchronously when it cannot even fetch metadata.
			end(span, ex);
			throw ex;
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

	private record Written(String collection, Object documentId, List<OutboxMessage> messages) {

	}

	private record DocumentKey(String collection, Object id) {

	}

	private record Sent(DocumentKey document, String eventId, CompletableFuture<?> result) {

		boolean await(long deadline) {
			try {
				this.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
