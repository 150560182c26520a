package dev.microshop.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import dev.microshop.common.events.EventType;

/**
 * Reads the headers every event record carries, so that a consumer can skip the events it
 * does not handle without decoding them.
 */
public final class EventRecords {

	/** The header that names a record's event type ({@link EventType#typeName()}). */
	public static final String TYPE_HEADER = "event-type";

	/** The header that carries a record's event id. */
	public static final String ID_HEADER = "event-id";

	private EventRecords() {
	}

	/**
	 * Whether the record may hold one of the given event types: its {@code event-type}
	 * header names one of them, or it has no such header (then only decoding tells).
	 */
	public static boolean mayCarry(ConsumerRecord<?, ?> record, EventType... types) {
		Header header = record.headers().lastHeader(TYPE_HEADER);
		if (header == null) {
			return true;
		}
		String type = new String(header.value(), StandardCharsets.UTF_8);
		return Arrays.stream(types).anyMatch((candidate) -> candidate.typeName().equals(type));
	}

}
