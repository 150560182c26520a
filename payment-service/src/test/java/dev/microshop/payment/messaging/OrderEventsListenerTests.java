package dev.microshop.payment.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UnreadableEventException;
import dev.microshop.common.kafka.EventRecords;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Only placed orders are decoded: the other order events are skipped by their header. A
 * value that is not an event at all shows which records were decoded.
 */
class OrderEventsListenerTests {

	private final OrderEventsListener listener = new OrderEventsListener(new EventCodec(JsonMapper.builder().build()),
			null);

	@Test
	void anOrderEventOtherThanOrderPlacedIsNotDecoded() {
		assertThatNoException().isThrownBy(() -> this.listener.on(record("OrderConfirmed")));
		assertThatNoException().isThrownBy(() -> this.listener.on(record("OrderCancelled")));
	}

	@Test
	void anOrderPlacedIsDecoded() {
		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.listener.on(record("OrderPlaced")));
	}

	private static ConsumerRecord<String, String> record(String type) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS, 0, 0, "order-1", "not an event");
		record.headers().add(EventRecords.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
