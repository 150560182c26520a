package dev.microshop.common.outbox;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;

/**
 * An event waiting in its aggregate's document to be published.
 * <p>
 * A service stores its aggregate and the events it produced in ONE document write (the
 * {@code outbox} array of that document), so that the state change and its events are
 * never stored one without the other, with no multi-document transaction. The
 * {@link OutboxRelay} then publishes them and removes them from the array.
 *
 * @param eventId the event id
 * @param topic the topic to publish to
 * @param key the record key, the aggregate id
 * @param type the event type name
 * @param payload the event as JSON
 * @param occurredAt when it happened
 * @param trace the trace context of the work that produced the event, as propagation
 * headers ({@code traceparent}, baggage), so that its publish, later and on another
 * thread, joins the same trace; empty when nothing was traced
 */
public record OutboxMessage(String eventId, String topic, String key, String type, String payload, Instant occurredAt,
		Map<String, String> trace) {

	/** The field of an aggregate document that holds its unpublished events. */
	public static final String FIELD = "outbox";

	public OutboxMessage {
		trace = (trace != null) ? Map.copyOf(trace) : Map.of();
	}

	public static OutboxMessage of(EventEnvelope<?> envelope, EventCodec codec, Map<String, String> trace) {
		return new OutboxMessage(envelope.eventId(), envelope.topic(), envelope.aggregateId(), envelope.type(),
				codec.write(envelope), envelope.occurredAt(), trace);
	}

	/**
	 * Returns the messages held in the {@code outbox} field of an aggregate document as
	 * read from the database, in order.
	 */
	public static List<OutboxMessage> listOf(Document aggregate) {
		List<Document> stored = aggregate.getList(FIELD, Document.class);
		return (stored != null) ? stored.stream().map(OutboxMessage::from).toList() : List.of();
	}

	static OutboxMessage from(Document stored) {
		Map<String, String> trace = new LinkedHashMap<>();
		Document storedTrace = stored.get("trace", Document.class);
		if (storedTrace != null) {
			storedTrace.forEach((name, value) -> trace.put(name, String.valueOf(value)));
		}
		Date occurredAt = stored.getDate("occurredAt");
		return new OutboxMessage(stored.getString("eventId"), stored.getString("topic"), stored.getString("key"),
				stored.getString("type"), stored.getString("payload"),
				(occurredAt != null) ? occurredAt.toInstant() : null, trace);
	}

	/**
	 * Returns the message as stored in an aggregate document, the same fields as the
	 * document mapping writes.
	 */
	Document toDocument() {
		return new Document("eventId", this.eventId).append("topic", this.topic)
			.append("key", this.key)
			.append("type", this.type)
			.append("payload", this.payload)
			.append("occurredAt", Date.from(this.occurredAt))
			.append("trace", new Document(this.trace));
	}

}
