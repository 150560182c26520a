package dev.microshop.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.OrderCancelled;
import dev.microshop.common.events.OrderConfirmed;
import dev.microshop.common.events.OrderPlaced;
import dev.microshop.common.events.PaymentAuthorized;
import dev.microshop.common.events.PaymentDeclined;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.money.Money;
import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.testing.TopicReader;
import dev.microshop.common.web.IdentityHeaders;
import dev.microshop.order.ordering.domain.KnownUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order's side of the saga over a real in-process Kafka broker: placing publishes
 * OrderPlaced from the outbox, the payment outcome confirms or cancels the order once.
 */
@ServiceIntegrationTest
@EmbeddedBroker
class OrderSagaTests implements UserServiceStandIn {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventCodec codec;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	@Autowired
	KnownUsers knownUsers;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void placingPublishesOrderPlacedWithTheCatalogTotal() {
		String user = "alice-" + UUID.randomUUID();
		String orderId = place(user, null, 201);

		assertThat(events(Topics.ORDERS, orderId, 1)).singleElement()
			.isInstanceOfSatisfying(OrderPlaced.class, (placed) -> {
				assertThat(placed.userId()).isEqualTo(user);
				assertThat(placed.total()).isEqualTo(Money.of("25.80", "EUR"));
				assertThat(placed.lines())
					.containsExactly(new OrderPlaced.Line("coffee-beans", 2, Money.of("12.90", "EUR")));
			});
	}

	@Test
	void anAuthorizedPaymentConfirmsTheOrderOnceWhateverTheRedeliveries() {
		double placed = count("microshop.orders.placed");
		double confirmed = count("microshop.orders.confirmed");
		long sagas = sagas("confirmed");
		String user = "alice-" + UUID.randomUUID();
		String orderId = place(user, null, 201);
		EventEnvelope<PaymentAuthorized> authorized = EventEnvelope
			.of(new PaymentAuthorized("payment-1", orderId, user, Money.of("25.80", "EUR")));
		for (int i = 0; i < 4; i++) {
			publish(authorized);
		}

		awaitStatus(user, orderId, "CONFIRMED");
		List<Event> events = events(Topics.ORDERS, orderId, 2);
		assertThat(events).hasSize(2);
		assertThat(events.get(1)).isEqualTo(new OrderConfirmed(orderId, user, Money.of("25.80", "EUR")));
		assertThat(count("microshop.orders.placed")).isEqualTo(placed + 1);
		assertThat(count("microshop.orders.confirmed")).as("once, whatever the redeliveries").isEqualTo(confirmed + 1);
		assertThat(sagas("confirmed")).isEqualTo(sagas + 1);
	}

	@Test
	void aDeclinedPaymentCancelsTheOrderWithTheReason() {
		double cancelled = count("microshop.orders.cancelled");
		long sagas = sagas("cancelled");
		String user = "alice-" + UUID.randomUUID();
		String orderId = place(user, null, 201);
		publish(EventEnvelope.of(new PaymentDeclined("payment-2", orderId, user, Money.of("25.80", "EUR"),
				"The amount is above the payment limit")));

		awaitStatus(user, orderId, "CANCELLED");
		assertThat(events(Topics.ORDERS, orderId, 2)).last()
			.isEqualTo(new OrderCancelled(orderId, user, "The amount is above the payment limit"));
		assertThat(count("microshop.orders.cancelled")).isEqualTo(cancelled + 1);
		assertThat(sagas("cancelled")).isEqualTo(sagas + 1);

		// A late, contradicting outcome changes nothing.
		publish(EventEnvelope.of(new PaymentAuthorized("payment-2", orderId, user, Money.of("25.80", "EUR"))));
		String marker = place(user, null, 201);
		publish(EventEnvelope.of(new PaymentAuthorized("payment-3", marker, user, Money.of("25.80", "EUR"))));
		awaitStatus(user, marker, "CONFIRMED");
		awaitStatus(user, orderId, "CANCELLED");
		assertThat(events(Topics.ORDERS, orderId, 2)).hasSize(2);
		assertThat(count("microshop.orders.cancelled")).as("the late outcome counts nothing").isEqualTo(cancelled + 1);
	}

	@Test
	void theSameIdempotencyKeyPlacesOneOrder() {
		String user = "alice-" + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		double placed = count("microshop.orders.placed");

		String first = place(user, key, 201);
		String second = place(user, key, 200);

		assertThat(second).isEqualTo(first);
		assertThat(count("microshop.orders.placed")).as("the same key places one order").isEqualTo(placed + 1);
		this.http.get()
			.uri("/api/orders")
			.header(IdentityHeaders.USER_ID, user)
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
		assertThat(events(Topics.ORDERS, first, 1)).hasSize(1);
		assertThat(place("alice-" + UUID.randomUUID(), key, 201)).as("keys are per user").isNotEqualTo(first);
	}

	@Test
	void aUserSeenRegisteredPlacesOrdersWithoutAskingUserService() {
		String user = "registered-" + UUID.randomUUID();
		publish(EventEnvelope.of(new UserRegistered(user, "reg@example.com", "Reg")));
		await().atMost(PATIENCE).until(() -> this.knownUsers.contains(user));

		place(user, null, 201);

		assertThat(userService.requestedIds()).doesNotContain(user);
	}

	@Test
	void aUserConfirmedByUserServiceIsAskedAboutOnce() {
		String user = "alice-" + UUID.randomUUID();

		place(user, null, 201);
		place(user, null, 201);

		assertThat(userService.requestedIds()).filteredOn(user::equals).hasSize(1);
	}

	private double count(String counter) {
		return this.meters.get(counter).counter().count();
	}

	private long sagas(String outcome) {
		return this.meters.get("microshop.saga.duration").tag("outcome", outcome).timer().count();
	}

	private String place(String user, String idempotencyKey, int expectedStatus) {
		RestTestClient.RequestBodySpec request = this.http.post()
			.uri("/api/orders")
			.header(IdentityHeaders.USER_ID, user)
			.contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.body("{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 2}]}")
			.exchange()
			.expectStatus()
			.isEqualTo(expectedStatus)
			.returnResult(Map.class)
			.getResponseBody()
			.get("id")
			.toString();
	}

	private void awaitStatus(String user, String orderId, String status) {
		await().atMost(PATIENCE)
			.untilAsserted(() -> this.http.get()
				.uri("/api/orders/" + orderId)
				.header(IdentityHeaders.USER_ID, user)
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(status));
	}

	private void publish(EventEnvelope<?> envelope) {
		this.kafka.send(envelope.topic(), envelope.aggregateId(), this.codec.write(envelope)).join();
	}

	private List<Event> events(String topic, String key, int expected) {
		return TopicReader.recordsWithKey(this.broker, topic, key, expected)
			.stream()
			.map((record) -> (Event) this.codec.read(record.value()).data())
			.toList();
	}

}
