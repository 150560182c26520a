package dev.microshop.common.events;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.microshop.common.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventCodecTests {

	private final EventCodec codec = new EventCodec(JsonMapper.builder().build());

	@Test
	void writesTheDocumentedEnvelope() {
		EventEnvelope<OrderPlaced> envelope = EventEnvelope.of(new OrderPlaced("o-1", "u-1", Money.of("25.80", "EUR"),
				List.of(new OrderPlaced.Line("coffee-beans", 2, Money.of("12.90", "EUR")))));
		String json = this.codec.write(envelope);
		assertThat(json).contains("\"type\":\"OrderPlaced\"", "\"version\":1", "\"aggregateId\":\"o-1\"",
				"\"eventId\":\"" + envelope.eventId() + "\"", "\"amount\":\"25.80\"");
		assertThat(envelope.topic()).isEqualTo(Topics.ORDERS);
	}

	@Test
	void readsBackEveryEventType() {
		List<Event> events = List.of(new UserRegistered("u-1", "ada@example.com", "Ada"),
				new OrderPlaced("o-1", "u-1", Money.of("1", "EUR"), List.of()),
				new OrderConfirmed("o-1", "u-1", Money.of("1", "EUR")), new OrderCancelled("o-1", "u-1", "declined"),
				new PaymentAuthorized("p-1", "o-1", "u-1", Money.of("1", "EUR")),
				new PaymentDeclined("p-1", "o-1", "u-1", Money.of("1", "EUR"), "over the limit"));
		for (Event event : events) {
			EventEnvelope<Event> envelope = EventEnvelope.of(event);
			assertThat(this.codec.read(this.codec.write(envelope))).isEqualTo(envelope);
		}
	}

	@Test
	void refusesMalformedJson() {
		assertThatExceptionOfType(UnreadableEventException.class).isThrownBy(() -> this.codec.read("{not json"));
	}

	@Test
	void refusesAnUnknownType() {
		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.codec.read(envelopeJson("OrderTeleported", 1)))
			.withMessageContaining("OrderTeleported");
	}

	@Test
	void refusesANewerVersionThanItKnows() {
		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.codec.read(envelopeJson("OrderCancelled", 2)))
			.withMessageContaining("version 2");
	}

	@Test
	void refusesAPayloadThatDoesNotMatchItsType() {
		String json = """
				{"eventId":"e","type":"OrderConfirmed","version":1,"occurredAt":"2026-01-01T00:00:00Z",
				 "aggregateId":"o-1","data":{"orderId":"o-1","userId":"u-1","total":{"amount":"oops","currency":"EUR"}}}
				""";
		assertThatExceptionOfType(UnreadableEventException.class).isThrownBy(() -> this.codec.read(json));
	}

	private static String envelopeJson(String type, int version) {
		return """
				{"eventId":"e","type":"%s","version":%d,"occurredAt":"2026-01-01T00:00:00Z","aggregateId":"o-1",
				 "data":{"orderId":"o-1","userId":"u-1","reason":"r"}}
				""".formatted(type, version);
	}

}
