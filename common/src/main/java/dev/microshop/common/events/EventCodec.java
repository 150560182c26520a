package dev.microshop.common.events;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads {@link EventEnvelope}s as JSON, checking the type and version of what
 * it reads.
 */
public class EventCodec {

	private final JsonMapper json;

	public EventCodec(JsonMapper json) {
		this.json = json;
	}

	public String write(EventEnvelope<?> envelope) {
		return this.json.writeValueAsString(envelope);
	}

	/**
	 * Reads an event.
	 * @throws UnreadableEventException if it is not JSON, has an unknown type, a version
	 * newer than this service knows, or a payload that does not match its type
	 */
	public EventEnvelope<Event> read(String value) {
		try {
			JsonNode tree = this.json.readTree(value);
			String typeName = tree.path("type").asString("");
			EventType type = EventType.named(typeName)
				.orElseThrow(() -> new UnreadableEventException("Unknown event type '" + typeName + "'", null));
			int version = tree.path("version").asInt(0);
			if (version < 1 || version > type.version()) {
				throw new UnreadableEventException(
						"Cannot read " + typeName + " version " + version + " (known: up to " + type.version() + ")",
						null);
			}
			Event data = this.json.treeToValue(tree.required("data"), type.payloadType());
			return new EventEnvelope<>(tree.required("eventId").asString(), typeName, version,
					Instant.parse(tree.required("occurredAt").asString()), tree.required("aggregateId").asString(),
					data);
		}
		catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			throw new UnreadableEventException("Unreadable event: " + ex.getMessage(), ex);
		}
	}

}
