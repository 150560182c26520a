package dev.microshop.system;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga end to end through the gateway: order placed, payment authorized or
 * declined, order confirmed or cancelled, user notified.
 */
@ExtendWith(Platform.class)
class SagaSystemTests {

	private static final Gateway gateway = new Gateway();

	@Test
	void anOrderWithinTheLimitIsConfirmedPaidAndNotified() {
		Shopper ada = Shopper.register(gateway, "ada");
		String orderId = ada.place(Shopper.productPricedAtLeast(gateway, 250), 1).json().path("id").asString();

		assertThat(ada.awaitFinal(orderId).path("status").asString()).isEqualTo("CONFIRMED");
		JsonNode payments = ada.get("/api/payments?orderId=" + orderId);
		assertThat(payments.size()).isEqualTo(1);
		assertThat(payments.get(0).path("status").asString()).isEqualTo("AUTHORIZED");
		JsonNode confirmed = awaitNotification(ada, "ORDER_CONFIRMED", orderId);
		assertThat(confirmed.path("message").asString()).contains(orderId, "confirmed");
		awaitNotification(ada, "WELCOME", null);
	}

	@Test
	void anOrderOverTheLimitIsCancelledAndTheUserToldWhy() {
		Shopper bob = Shopper.register(gateway, "bob");
		// 5 x 250.00 or more: above the default payment limit of 1000.00.
		String orderId = bob.place(Shopper.productPricedAtLeast(gateway, 250), 5).json().path("id").asString();

		assertThat(bob.awaitFinal(orderId).path("status").asString()).isEqualTo("CANCELLED");
		JsonNode payments = bob.get("/api/payments?orderId=" + orderId);
		assertThat(payments.size()).isEqualTo(1);
		assertThat(payments.get(0).path("status").asString()).isEqualTo("DECLINED");
		JsonNode cancelled = awaitNotification(bob, "ORDER_CANCELLED", orderId);
		assertThat(cancelled.path("message").asString()).contains("above the payment limit");
	}

	@Test
	void theSameIdempotencyKeyPlacesOneOrder() {
		Shopper carol = Shopper.register(gateway, "carol");
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = Map.of("items",
				List.of(Map.of("productId", Shopper.cheapestProduct(gateway), "quantity", 1)));

		Gateway.Response first = gateway.send(gateway.request("/api/orders", carol.token())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(Gateway.json(body))));
		Gateway.Response second = gateway.send(gateway.request("/api/orders", carol.token())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(Gateway.json(body))));

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().path("id")).isEqualTo(first.json().path("id"));
		assertThat(carol.get("/api/orders").size()).isEqualTo(1);
	}

	@Test
	void notificationsArePushedLiveThroughTheGateway() throws Exception {
		Shopper dave = Shopper.register(gateway, "dave");
		List<String> lines = new CopyOnWriteArrayList<>();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<InputStream> stream = http.send(gateway.request("/api/notifications/stream", dave.token())
				.timeout(Duration.ofMinutes(2))
				.header("Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(stream.statusCode()).isEqualTo(200);
			CompletableFuture.runAsync(() -> readLines(stream.body(), lines));

			String orderId = dave.place(Shopper.cheapestProduct(gateway), 1).json().path("id").asString();

			await().atMost(Shopper.SAGA_PATIENCE)
				.untilAsserted(() -> assertThat(lines)
					.anySatisfy((line) -> assertThat(line).startsWith("data:").contains(orderId, "ORDER_CONFIRMED")));
			stream.body().close();
		}
	}

	private static JsonNode awaitNotification(Shopper shopper, String type, String orderId) {
		return await().atMost(Shopper.SAGA_PATIENCE).until(() -> {
			for (JsonNode notification : shopper.get("/api/notifications")) {
				if (notification.path("type").asString().equals(type)
						&& (orderId == null || notification.path("orderId").asString().equals(orderId))) {
					return notification;
				}
			}
			return null;
		}, (found) -> found != null);
	}

	private static void readLines(InputStream body, List<String> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (java.io.IOException ex) {
			// The test closed the stream.
		}
	}

}
