package dev.microshop.notification.messaging;

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
 * A placed order tells the user nothing yet: it is skipped by its header, undecoded. A
 * value that is not an event at all shows which records were decoded.
 */
class PlatformEventsListenerTests {

	private final PlatformEventsListener listener = new PlatformEventsListener(
			new EventCodec(JsonMapper.builder().build()), null);

	@Test
	void anOrderPlacedIsNotDecoded() {
		assertThatNoException().isThrownBy(() -> this.listener.on(record(Topics.ORDERS, "OrderPlaced")));
	}

	@Test
	void theEventsThatNotifyAUserAreDecoded() {
		for (String type : new String[] { "OrderConfirmed", "OrderCancelled" }) {
			assertThatExceptionOfType(UnreadableEventException.class)
				.isThrownBy(() -> this.listener.on(record(Topics.ORDERS, type)));
		}
		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.listener.on(record(Topics.USERS, "UserRegistered")));
	}

	private static ConsumerRecord<String, String> record(String topic, String type) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, 0, "key-1", "not an event");
		record.headers().add(EventRecords.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
