package dev.microshop.common.outbox;

import java.time.Instant;
import java.util.Map;

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

}
