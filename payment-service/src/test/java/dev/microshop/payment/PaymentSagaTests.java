package dev.microshop.payment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.OrderPlaced;
import dev.microshop.common.events.PaymentAuthorized;
import dev.microshop.common.events.PaymentDeclined;
import dev.microshop.common.events.Topics;
import dev.microshop.common.money.Money;
import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.testing.TopicReader;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentRepository;
import dev.microshop.payment.domain.PaymentStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@EmbeddedBroker
class PaymentSagaTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventCodec codec;

	@Autowired
	PaymentRepository payments;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	@Test
	void anOrderWithinTheLimitIsAuthorized() {
		double authorized = count("microshop.payments.authorized");
		OrderPlaced order = order("275.80");
		publish(EventEnvelope.of(order));

		Payment payment = awaitPayment(order);
		assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
		assertThat(payment.amount()).isEqualTo(Money.of("275.80", "EUR"));
		assertThat(paymentEventsOf(order.orderId(), 1)).singleElement()
			.isEqualTo(new PaymentAuthorized(payment.id(), order.orderId(), order.userId(), order.total()));
		assertThat(count("microshop.payments.authorized")).isEqualTo(authorized + 1);
	}

	@Test
	void anOrderOverTheLimitIsDeclinedWithTheReason() {
		double declinedBefore = count("microshop.payments.declined");
		double authorized = count("microshop.payments.authorized");
		OrderPlaced order = order("1250.00");
		publish(EventEnvelope.of(order));

		Payment payment = awaitPayment(order);
		assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
		assertThat(paymentEventsOf(order.orderId(), 1)).singleElement()
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(declined) -> assertThat(declined.reason()).contains("above the payment limit of 1000.00"));
		assertThat(count("microshop.payments.declined")).isEqualTo(declinedBefore + 1);
		assertThat(count("microshop.payments.authorized")).isEqualTo(authorized);
	}

	@Test
	void redeliveriesNeverChargeTwice() {
		double authorized = count("microshop.payments.authorized");
		OrderPlaced order = order("12.90");
		EventEnvelope<OrderPlaced> envelope = EventEnvelope.of(order);
		for (int i = 0; i < 4; i++) {
			publish(envelope);
		}
		OrderPlaced marker = order("1.00");
		publish(EventEnvelope.of(marker));
		// One partition: once the later order is paid, every redelivery before it was
		// consumed.
		awaitPayment(marker);

		assertThat(this.payments.findByUserAndOrder(order.userId(), order.orderId())).hasSize(1);
		assertThat(paymentEventsOf(order.orderId(), 1)).hasSize(1);
		assertThat(count("microshop.payments.authorized")).as("the order and the marker, once each")
			.isEqualTo(authorized + 2);
	}

	@Test
	void aPoisonRecordIsDeadLetteredAndTheNextOrderIsStillPaid() {
		double published = this.meters.get("microshop.deadletters.published")
			.tag("topic", Topics.ORDERS)
			.counter()
			.count();
		double pending = await().atMost(PATIENCE).until(this::pendingDeadLetters, (value) -> !Double.isNaN(value));
		String poisonKey = "poison-" + UUID.randomUUID();
		this.kafka.send(Topics.ORDERS, poisonKey, "{\"type\":\"OrderPlaced\",\"version\":1,\"data\":");
		OrderPlaced next = order("4.50");
		publish(EventEnvelope.of(next));

		assertThat(awaitPayment(next).status()).isEqualTo(PaymentStatus.AUTHORIZED);
		List<ConsumerRecord<String, String>> dead = TopicReader.recordsWithKey(this.broker,
				Topics.deadLetter(Topics.ORDERS, "payment-service"), poisonKey, 1);
		assertThat(dead).singleElement().extracting(ConsumerRecord::key).isEqualTo(poisonKey);
		assertThat(this.meters.get("microshop.deadletters.published").tag("topic", Topics.ORDERS).counter().count())
			.isEqualTo(published + 1);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(pendingDeadLetters()).isEqualTo(pending + 1));
	}

	private double count(String counter) {
		return this.meters.get(counter).counter().count();
	}

	private double pendingDeadLetters() {
		return this.meters.get("microshop.deadletters.pending").tag("topic", Topics.ORDERS).gauge().value();
	}

	private static OrderPlaced order(String total) {
		return new OrderPlaced("order-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), Money.of(total, "EUR"),
				List.of(new OrderPlaced.Line("product", 1, Money.of(total, "EUR"))));
	}

	private void publish(EventEnvelope<?> envelope) {
		this.kafka.send(envelope.topic(), envelope.aggregateId(), this.codec.write(envelope)).join();
	}

	private Payment awaitPayment(OrderPlaced order) {
		return await().atMost(PATIENCE)
			.until(() -> this.payments.findByUserAndOrder(order.userId(), order.orderId()), (found) -> !found.isEmpty())
			.get(0);
	}

	private List<Event> paymentEventsOf(String orderId, int expected) {
		return TopicReader.recordsWithKey(this.broker, Topics.PAYMENTS, orderId, expected)
			.stream()
			.map((record) -> this.codec.read(record.value()).data())
			.toList();
	}

}
