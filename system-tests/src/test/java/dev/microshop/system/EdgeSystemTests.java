package dev.microshop.system;

import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the gateway adds in front of the real services: the dashboard, the product cache,
 * the correlation id, the security headers, and each service refusing another user's
 * data.
 */
@ExtendWith(Platform.class)
class EdgeSystemTests {

	private static final Gateway gateway = new Gateway();

	@Test
	void theDashboardShowsTheCallersProfileLatestOrdersAndUnreadCount() {
		Shopper ada = Shopper.register(gateway, "dashboard");
		String cheap = Shopper.cheapestProduct(gateway);
		String lastOrderId = null;
		for (int i = 0; i < 6; i++) {
			Gateway.Response placed = ada.place(cheap, 1);
			assertThat(placed.status()).isEqualTo(201);
			lastOrderId = placed.json().path("id").asString();
		}
		ada.awaitFinal(lastOrderId);

		// The welcome and the last order's notification, none read yet (notified
		// asynchronously).
		JsonNode dashboard = await().atMost(Shopper.SAGA_PATIENCE)
			.until(() -> ada.get("/api/me/dashboard"),
					(answer) -> answer.path("notifications").path("data").path("unread").asInt() >= 2);
		assertThat(dashboard.path("profile").path("status").asString()).isEqualTo("ok");
		assertThat(dashboard.path("profile").path("data").path("email").asString()).isEqualTo(ada.email());
		assertThat(dashboard.path("orders").path("status").asString()).isEqualTo("ok");
		assertThat(dashboard.path("orders").path("data").size()).isEqualTo(5);
		assertThat(dashboard.path("orders").path("data").get(0).path("id").asString()).as("newest first")
			.isEqualTo(lastOrderId);
		assertThat(dashboard.path("notifications").path("status").asString()).isEqualTo("ok");
	}

	@Test
	void theCatalogIsCachedAndAnsweredNotModified() {
		Gateway.Response first = gateway.get("/api/products", null);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Cache-Control")).contains("public", "max-age=").doesNotContain("private", "no-store");
		String etag = first.header("ETag");
		assertThat(etag).startsWith("\"");

		Gateway.Response again = gateway
			.send(gateway.request("/api/products", null).header("If-None-Match", etag).GET());
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
	}

	@Test
	void everyAnswerCarriesARequestIdAndTheSecurityHeaders() {
		Gateway.Response products = gateway.get("/api/products", null);
		assertThat(UUID.fromString(products.header("X-Request-Id"))).isNotNull();
		assertThat(products.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(products.header("X-Frame-Options")).isEqualTo("DENY");

		Gateway.Response unauthorized = gateway
			.send(gateway.request("/api/orders", null).header("X-Request-Id", "edge-test-1").GET());
		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.header("X-Request-Id")).isEqualTo("edge-test-1");
		assertThat(unauthorized.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void nobodyReadsAnotherUsersOrderPaymentOrNotifications() {
		Shopper owner = Shopper.register(gateway, "owner");
		Shopper other = Shopper.register(gateway, "other");
		Gateway.Response placed = owner.place(Shopper.cheapestProduct(gateway), 1);
		String orderId = placed.json().path("id").asString();
		owner.awaitFinal(orderId);
		assertThat(owner.get("/api/payments?orderId=" + orderId).size()).isEqualTo(1);

		assertThat(gateway.get("/api/orders/" + orderId, other.token()).status()).isEqualTo(404);
		assertThat(other.get("/api/payments?orderId=" + orderId).size()).isZero();
		JsonNode theirs = other.get("/api/notifications");
		assertThat(theirs.findValuesAsString("orderId")).doesNotContain(orderId);
		JsonNode ownersNotifications = await().atMost(Shopper.SAGA_PATIENCE)
			.until(() -> owner.get("/api/notifications"),
					(notifications) -> notifications.findValuesAsString("orderId").contains(orderId));
		String ownersNotification = ownersNotifications.get(0).path("id").asString();
		Gateway.Response markedByOther = gateway
			.send(gateway.request("/api/notifications/" + ownersNotification + "/read", other.token())
				.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(markedByOther.status()).isEqualTo(404);
	}

}
