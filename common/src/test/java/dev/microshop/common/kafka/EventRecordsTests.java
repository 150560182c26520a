package dev.microshop.common.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.EventType;

import static org.assertj.core.api.Assertions.assertThat;

class EventRecordsTests {

	@Test
	void aRecordMayCarryTheTypesItsHeaderNames() {
		ConsumerRecord<String, String> placed = record();
		placed.headers().add(EventRecords.TYPE_HEADER, "OrderPlaced".getBytes(StandardCharsets.UTF_8));

		assertThat(EventRecords.mayCarry(placed, EventType.ORDER_CONFIRMED, EventType.ORDER_PLACED)).isTrue();
		assertThat(EventRecords.mayCarry(placed, EventType.ORDER_CONFIRMED)).isFalse();
	}

	@Test
	void aRecordWithoutTheHeaderMayCarryAnything() {
		assertThat(EventRecords.mayCarry(record(), EventType.ORDER_CONFIRMED)).isTrue();
	}

	private static ConsumerRecord<String, String> record() {
		return new ConsumerRecord<>("order-events", 0, 0, "order-1", "{}");
	}

}
