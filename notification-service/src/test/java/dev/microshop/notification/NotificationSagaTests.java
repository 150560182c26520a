package dev.microshop.notification;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.OrderCancelled;
import dev.microshop.common.events.OrderConfirmed;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.money.Money;
import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;
import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;
import dev.microshop.notification.domain.NotificationType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@EmbeddedBroker
class NotificationSagaTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventCodec codec;

	@Autowired
	NotificationRepository notifications;

	@LocalServerPort
	int port;

	@Test
	void aNewUserIsWelcomed() {
		String userId = "user-" + UUID.randomUUID();
		publish(EventEnvelope.of(new UserRegistered(userId, "ada@example.com", "Ada")));

		assertThat(awaitNotifications(userId, 1)).singleElement().satisfies((welcome) -> {
			assertThat(welcome.type()).isEqualTo(NotificationType.WELCOME);
			assertThat(welcome.message()).isEqualTo("Welcome to microshop, Ada!");
		});
	}

	@Test
	void theUserIsToldWhenAnOrderIsConfirmedOrCancelledAndWhy() {
		String userId = "user-" + UUID.randomUUID();
		publish(EventEnvelope.of(new OrderConfirmed("order-1", userId, Money.of("275.80", "EUR"))));
		publish(EventEnvelope.of(new OrderCancelled("order-2", userId, "The amount is above the payment limit")));

		List<Notification> found = awaitNotifications(userId, 2);
		assertThat(found).extracting(Notification::type)
			.containsExactlyInAnyOrder(NotificationType.ORDER_CONFIRMED, NotificationType.ORDER_CANCELLED);
		assertThat(found).filteredOn((n) -> n.type() == NotificationType.ORDER_CANCELLED)
			.singleElement()
			.satisfies((cancelled) -> {
				assertThat(cancelled.orderId()).isEqualTo("order-2");
				assertThat(cancelled.message()).endsWith("cancelled: The amount is above the payment limit");
			});
		assertThat(found).filteredOn((n) -> n.type() == NotificationType.ORDER_CONFIRMED)
			.singleElement()
			.extracting(Notification::message)
			.isEqualTo("Your order order-1 is confirmed: 275.80 EUR.");
	}

	@Test
	void aRedeliveredEventNotifiesOnce() {
		String userId = "user-" + UUID.randomUUID();
		EventEnvelope<OrderConfirmed> confirmed = EventEnvelope
			.of(new OrderConfirmed("order-3", userId, Money.of("4.50", "EUR")));
		for (int i = 0; i < 4; i++) {
			publish(confirmed);
		}
		String markerUser = "user-" + UUID.randomUUID();
		publish(EventEnvelope.of(new UserRegistered(markerUser, "m@example.com", "Marker")));
		awaitNotifications(markerUser, 1);

		assertThat(this.notifications.findByUser(userId, 100)).hasSize(1);
	}

	@Test
	void newNotificationsArePushedOnTheUsersStream() throws Exception {
		String userId = "user-" + UUID.randomUUID();
		List<String> lines = new CopyOnWriteArrayList<>();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/notifications/stream"))
			.header(IdentityHeaders.USER_ID, userId)
			.header("Accept", "text/event-stream")
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			CompletableFuture.runAsync(() -> readLines(response.body(), lines));

			publish(EventEnvelope.of(new OrderConfirmed("order-live", userId, Money.of("12.90", "EUR"))));

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(lines).contains("event:notification")
					.anySatisfy((line) -> assertThat(line).startsWith("data:").contains("\"orderId\":\"order-live\"")));
			response.body().close();
		}
	}

	@Test
	void aUsersStreamNeverCarriesAnotherUsersNotifications() throws Exception {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		List<String> alicesLines = new CopyOnWriteArrayList<>();
		List<String> bobsLines = new CopyOnWriteArrayList<>();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<java.io.InputStream> alicesStream = openStream(http, alice, alicesLines);
			HttpResponse<java.io.InputStream> bobsStream = openStream(http, bob, bobsLines);

			publish(EventEnvelope.of(new OrderConfirmed("order-of-alice", alice, Money.of("12.90", "EUR"))));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(alicesLines).anySatisfy(
						(line) -> assertThat(line).startsWith("data:").contains("\"orderId\":\"order-of-alice\"")));
			// Bob's stream works: it carries his own notification, and Alice's was pushed
			// to the streams before.
			publish(EventEnvelope.of(new OrderConfirmed("order-of-bob", bob, Money.of("3.00", "EUR"))));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(bobsLines).anySatisfy(
						(line) -> assertThat(line).startsWith("data:").contains("\"orderId\":\"order-of-bob\"")));

			assertThat(bobsLines).noneSatisfy((line) -> assertThat(line).contains("order-of-alice"));
			assertThat(alicesLines).noneSatisfy((line) -> assertThat(line).contains("order-of-bob"));
			alicesStream.body().close();
			bobsStream.body().close();
		}
	}

	private HttpResponse<java.io.InputStream> openStream(HttpClient http, String userId, List<String> lines)
			throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/notifications/stream"))
			.header(IdentityHeaders.USER_ID, userId)
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		CompletableFuture.runAsync(() -> readLines(response.body(), lines));
		return response;
	}

	private static void readLines(java.io.InputStream body, List<String> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (java.io.IOException ex) {
			// The test closed the stream.
		}
	}

	private void publish(EventEnvelope<?> envelope) {
		this.kafka.send(envelope.topic(), envelope.aggregateId(), this.codec.write(envelope)).join();
	}

	private List<Notification> awaitNotifications(String userId, int count) {
		return await().atMost(PATIENCE)
			.until(() -> this.notifications.findByUser(userId, 100), (found) -> found.size() >= count);
	}

}
