package dev.microshop.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The JSON form of every event on the platform's topics: {@code {"eventId", "type",
 * "version", "occurredAt", "aggregateId", "data": {...}}}.
 *
 * @param <E> the payload type
 * @param eventId unique per event; consumers use it to ignore redeliveries
 * @param type the payload's {@link EventType#typeName() name}
 * @param version the payload's schema version
 * @param occurredAt when it happened
 * @param aggregateId the user, order or payment it happened to, also the record key
 * @param data the payload
 */
public record EventEnvelope<E extends Event>(String eventId, String type, int version, Instant occurredAt,
		String aggregateId, E data) {

	/**
	 * Wraps an event that happens now with a new id.
	 */
	public static <E extends Event> EventEnvelope<E> of(E event) {
		EventType type = EventType.of(event);
		return new EventEnvelope<>(UUID.randomUUID().toString(), type.typeName(), type.version(), Instant.now(),
				event.aggregateId(), event);
	}

	public String topic() {
		return EventType.named(this.type).orElseThrow().topic();
	}

}
