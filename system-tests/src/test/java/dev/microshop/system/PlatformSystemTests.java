package dev.microshop.system;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform, started as separate processes by {@code ./platform up}, used
 * through the gateway as a client would.
 */
@ExtendWith(Platform.class)
class PlatformSystemTests {

	private static final Gateway gateway = new Gateway();

	@Test
	void aUserRegistersLogsInBrowsesAndOrders() {
		String email = uniqueEmail("ada");
		Gateway.Response registered = gateway.post("/api/auth/register", null,
				Map.of("email", email, "password", "correct horse", "displayName", "Ada"));
		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json().path("email").asString()).isEqualTo(email);
		assertThat(registered.body()).doesNotContain("correct horse");

		String token = Shopper.logIn(gateway, email, "correct horse").token();
		JsonNode me = gateway.get("/api/users/me", token).json();
		assertThat(me.path("id").asString()).isEqualTo(registered.json().path("id").asString());
		assertThat(me.path("displayName").asString()).isEqualTo("Ada");

		Gateway.Response products = gateway.get("/api/products", null);
		assertThat(products.status()).isEqualTo(200);
		assertThat(products.json().size()).isGreaterThanOrEqualTo(5);
		JsonNode keyboard = productPricedAtLeast(products.json(), 250);
		assertThat(keyboard.path("price").path("amount").isString()).isTrue();
		assertThat(keyboard.path("price").path("currency").asString()).isEqualTo("EUR");

		Gateway.Response placed = placeOrder(token, keyboard.path("id").asString(), 2);
		assertThat(placed.status()).isEqualTo(201);
		JsonNode order = placed.json();
		assertThat(order.path("status").asString()).isEqualTo("PENDING");
		assertThat(Shopper.amount(order.path("total")))
			.isEqualByComparingTo(Shopper.amount(keyboard.path("price")).multiply(BigDecimal.TWO));

		Gateway.Response second = placeOrder(token, products.json().get(0).path("id").asString(), 1);
		assertThat(second.status()).isEqualTo(201);

		Gateway.Response read = gateway.get("/api/orders/" + order.path("id").asString(), token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("total")).isEqualTo(order.path("total"));

		JsonNode mine = gateway.get("/api/orders", token).json();
		assertThat(mine.size()).isEqualTo(2);
		assertThat(mine.get(0).path("id").asString()).as("newest first").isEqualTo(second.json().path("id").asString());

		assertThat(gateway.get("/api/payments?orderId=" + order.path("id").asString(), token).status()).isEqualTo(200);
		assertThat(gateway.get("/api/notifications", token).status()).isEqualTo(200);
	}

	@Test
	void aUserCannotReadAnotherUsersOrder() {
		String alice = registerAndLogin("alice");
		String bob = registerAndLogin("bob");
		String orderId = placeOrder(alice, anyProductId(), 1).json().path("id").asString();

		Gateway.Response asBob = gateway.get("/api/orders/" + orderId, bob);
		assertThat(asBob.status()).isEqualTo(404);
		assertThat(asBob.contentType()).startsWith("application/problem+json");
		assertThat(gateway.get("/api/orders", bob).json().size()).isZero();
	}

	@Test
	void requestsWithoutAValidTokenAreUnauthorized() {
		for (String token : new String[] { null, "garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." }) {
			Gateway.Response response = gateway.get("/api/orders", token);
			assertThat(response.status()).as("token %s", token).isEqualTo(401);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void spoofedIdentityHeadersNeverReachAService() {
		String carol = registerAndLogin("carol");
		String carolsOrder = placeOrder(carol, anyProductId(), 1).json().path("id").asString();
		String mallory = registerAndLogin("mallory");
		String carolsId = gateway.get("/api/users/me", carol).json().path("id").asString();

		Gateway.Response response = gateway
			.send(gateway.request("/api/orders/" + carolsOrder, mallory).header("X-User-Id", carolsId).GET());
		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void aDuplicateRegistrationIsAConflict() {
		String email = uniqueEmail("dup");
		Map<String, String> body = Map.of("email", email, "password", "long enough", "displayName", "Dup");
		assertThat(gateway.post("/api/auth/register", null, body).status()).isEqualTo(201);
		Gateway.Response again = gateway.post("/api/auth/register", null, body);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
	}

	@Test
	void invalidInputIsABadRequest() {
		assertThat(gateway
			.post("/api/auth/register", null, Map.of("email", "not-an-email", "password", "short", "displayName", "X"))
			.status()).isEqualTo(400);
		String token = registerAndLogin("erin");
		assertThat(placeOrder(token, "no-such-product", 1).status()).isEqualTo(400);
		assertThat(placeOrder(token, anyProductId(), 0).status()).isEqualTo(400);
		assertThat(gateway.get("/api/orders", token).json().size()).as("nothing stored").isZero();
	}

	@Test
	void ordersSurviveARestartOfTheOrderService() {
		String token = registerAndLogin("frank");
		String orderId = placeOrder(token, anyProductId(), 3).json().path("id").asString();

		Platform.restart("order-service");

		Gateway.Response read = gateway.get("/api/orders/" + orderId, token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
	}

	private static String registerAndLogin(String name) {
		return Shopper.register(gateway, name).token();
	}

	private static Gateway.Response placeOrder(String token, String productId, int quantity) {
		return gateway.post("/api/orders", token,
				Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity))));
	}

	private static String anyProductId() {
		return gateway.get("/api/products", null).json().get(0).path("id").asString();
	}

	private static JsonNode productPricedAtLeast(JsonNode products, int amount) {
		for (JsonNode product : products) {
			if (Shopper.amount(product.path("price")).compareTo(BigDecimal.valueOf(amount)) >= 0) {
				return product;
			}
		}
		throw new AssertionError("No product priced " + amount + " or more in " + products);
	}

	private static String uniqueEmail(String name) {
		return name + "-" + UUID.randomUUID() + "@example.com";
	}

}
