package dev.microshop.system;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registered, logged-in user of the shop, acting through the gateway.
 *
 * @param gateway the gateway client
 * @param email the user's e-mail address
 * @param token the user's access token
 */
record Shopper(Gateway gateway, String email, String token) {

	static final Duration SAGA_PATIENCE = Duration.ofSeconds(60);

	/**
	 * Sign-up and sign-in are rate limited per client address, and every test runs from
	 * 127.0.0.1: a denied attempt (429, nothing done) is tried again, as a client would.
	 */
	private static final Duration RATE_LIMIT_PATIENCE = Duration.ofSeconds(30);

	private static final Duration PLACING_PATIENCE = Duration.ofSeconds(60);

	/** Too many requests, unavailable (an open breaker, a full bulkhead), timed out. */
	private static final Set<Integer> WORTH_REPEATING = Set.of(429, 503, 504);

	static Shopper register(Gateway gateway, String name) {
		String email = name + "-" + UUID.randomUUID() + "@example.com";
		String password = "password-" + name;
		Gateway.Response registered = withinRateLimit(() -> gateway.post("/api/auth/register", null,
				Map.of("email", email, "password", password, "displayName", name)));
		assertThat(registered.status()).as("registration of %s", email).isEqualTo(201);
		return logIn(gateway, email, password);
	}

	static Shopper logIn(Gateway gateway, String email, String password) {
		Gateway.Response login = withinRateLimit(
				() -> gateway.post("/api/auth/login", null, Map.of("email", email, "password", password)));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(login.json().path("expiresIn").asInt()).isPositive();
		return new Shopper(gateway, email, login.json().path("accessToken").asString());
	}

	private static Gateway.Response withinRateLimit(Callable<Gateway.Response> request) {
		return await().atMost(RATE_LIMIT_PATIENCE)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(250))
			.until(request, (response) -> response.status() != 429);
	}

	/**
	 * Places an order as a careful client does: with an {@code Idempotency-Key}, sending
	 * the same request again while the answer is 429, 503 or 504 or does not come (the
	 * key makes a repeat safe: the order is placed once and the repeat answers it with
	 * 200). Between attempts it waits what the answer's {@code Retry-After} asks, else
	 * one second, plus up to a second at random, so that the clients a fault refused
	 * together do not all come back at the same instant.
	 * @param attempts counts the requests sent
	 * @return the first answer that is not worth repeating
	 * @throws ConditionTimeoutException when every answer within the client's patience
	 * was worth repeating
	 */
	Gateway.Response placePatiently(String productId, int quantity, AtomicInteger attempts) {
		String key = UUID.randomUUID().toString();
		String body = Gateway.json(Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity))));
		long deadline = System.nanoTime() + PLACING_PATIENCE.toNanos();
		while (true) {
			attempts.incrementAndGet();
			Gateway.Response response = sendQuietly(this.gateway.request("/api/orders", this.token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (response != null && !WORTH_REPEATING.contains(response.status())) {
				return response;
			}
			Duration pause = retryAfter(response).plusMillis(ThreadLocalRandom.current().nextLong(1000));
			if (System.nanoTime() + pause.toNanos() - deadline > 0) {
				throw new ConditionTimeoutException("Order not placed within " + PLACING_PATIENCE + "; last answer: "
						+ ((response != null) ? response.status() : "none"));
			}
			sleep(pause);
		}
	}

	/** The answer, or {@code null} when none came (no connection, time-out). */
	private Gateway.@Nullable Response sendQuietly(HttpRequest.Builder request) {
		try {
			return this.gateway.send(request);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static Duration retryAfter(Gateway.@Nullable Response response) {
		String seconds = (response != null) ? response.header("Retry-After") : "";
		return seconds.matches("\\d{1,3}") ? Duration.ofSeconds(Long.parseLong(seconds)) : Duration.ofSeconds(1);
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Gateway.Response place(String productId, int quantity) {
		return this.gateway.post("/api/orders", this.token,
				Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity))));
	}

	JsonNode get(String path) {
		Gateway.Response response = this.gateway.get(path, this.token);
		assertThat(response.status()).as("GET %s", path).isEqualTo(200);
		return response.json();
	}

	JsonNode awaitFinal(String orderId) {
		return await().atMost(SAGA_PATIENCE)
			.until(() -> get("/api/orders/" + orderId), (order) -> !order.path("status").asString().equals("PENDING"));
	}

	static String productPricedAtLeast(Gateway gateway, int amount) {
		for (JsonNode product : gateway.get("/api/products", null).json()) {
			if (amount(product.path("price")).compareTo(BigDecimal.valueOf(amount)) >= 0) {
				return product.path("id").asString();
			}
		}
		throw new AssertionError("No product priced " + amount + " or more");
	}

	static String cheapestProduct(Gateway gateway) {
		JsonNode cheapest = null;
		for (JsonNode product : gateway.get("/api/products", null).json()) {
			if (cheapest == null || amount(product.path("price")).compareTo(amount(cheapest.path("price"))) < 0) {
				cheapest = product;
			}
		}
		return cheapest.path("id").asString();
	}

	static BigDecimal amount(JsonNode money) {
		return new BigDecimal(money.path("amount").asString());
	}

}
