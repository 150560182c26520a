package dev.microshop.order;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders through real HTTP, with user-service played by a real HTTP server that the load
 * balancer finds through the simple discovery client (Eureka is off in tests).
 */
@ServiceIntegrationTest
@EmbeddedBroker
class OrdersIntegrationTests implements UserServiceStandIn {

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		// The JDK's client sends each request once; Apache's, the default, sends one
		// answered 503 again a second later (the failing user-service cases below).
		this.http = RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.build();
	}

	@Test
	void aUserPlacesAnOrderAtCatalogPrices() {
		String alice = user("alice");

		// A price sent along is ignored: the catalog's is used.
		String location = this.http.post()
			.uri("/api/orders")
			.header(IdentityHeaders.USER_ID, alice)
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"items": [
					  {"productId": "coffee-beans", "quantity": 2, "unitPrice": {"amount": "0.01", "currency": "EUR"}},
					  {"productId": "mechanical-keyboard", "quantity": 1}
					]}
					""")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING")
			.jsonPath("$.items[0].productId")
			.isEqualTo("coffee-beans")
			.jsonPath("$.items[0].name")
			.isEqualTo("Coffee beans, 250 g")
			.jsonPath("$.items[0].unitPrice.amount")
			.isEqualTo("12.90")
			.jsonPath("$.items[0].quantity")
			.isEqualTo(2)
			.jsonPath("$.items[0].lineTotal.amount")
			.isEqualTo("25.80")
			.jsonPath("$.items[1].lineTotal.amount")
			.isEqualTo("250.00")
			.jsonPath("$.total")
			.isEqualTo(Map.of("amount", "275.80", "currency", "EUR"))
			.jsonPath("$.createdAt")
			.exists()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();

		assertThat(location).startsWith("/api/orders/");
		this.http.get()
			.uri(location)
			.header(IdentityHeaders.USER_ID, alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(location.substring("/api/orders/".length()))
			.jsonPath("$.total.amount")
			.isEqualTo("275.80")
			.jsonPath("$.items.length()")
			.isEqualTo(2);
		// Reached through the load balancer, resolved by the simple discovery client.
		assertThat(userService.requestedIds()).contains(alice);
	}

	@Test
	void linesOfTheSameProductAreMerged() {
		String alice = user("alice");

		place(alice, "{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 1},"
				+ " {\"productId\": \"ceramic-mug\", \"quantity\": 1}, {\"productId\": \"coffee-beans\", \"quantity\": 2}]}")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(2)
			.jsonPath("$.items[0].quantity")
			.isEqualTo(3)
			.jsonPath("$.total.amount")
			.isEqualTo("43.20");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"items\": [{\"productId\": \"flying-car\", \"quantity\": 1}]}",
			"{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 0}]}",
			"{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 101}]}",
			"{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 60}, {\"productId\": \"coffee-beans\", \"quantity\": 41}]}",
			"{\"items\": [{\"productId\": \"\", \"quantity\": 1}]}", "{\"items\": []}", "{}", "{\"items\": [null]}",
			"not json" })
	void anInvalidOrderIsRejectedAndNothingIsStored(String body) {
		String alice = user("alice");

		place(alice, body).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(orderIds(alice)).isEmpty();
	}

	@Test
	void invalidFieldsAreNamed() {
		place(user("alice"), "{\"items\": [{\"productId\": \"coffee-beans\", \"quantity\": 0}]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].quantity");
	}

	@Test
	void anUnknownProductIsNamed() {
		place(user("alice"), "{\"items\": [{\"productId\": \"flying-car\", \"quantity\": 1}]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Unknown product flying-car");
	}

	@Test
	void moreThanFiftyLinesAreRejected() {
		String lines = String.join(",", Collections.nCopies(51, "{\"productId\": \"ceramic-mug\", \"quantity\": 1}"));
		String alice = user("alice");

		place(alice, "{\"items\": [" + lines + "]}").expectStatus().isBadRequest();
		assertThat(orderIds(alice)).isEmpty();
	}

	@Test
	void anUnknownUserIsForbiddenAndNothingIsStored() {
		String ghost = user("unknown");

		place(ghost, oneMug()).expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("is not a known user"));
		assertThat(orderIds(ghost)).isEmpty();
	}

	@Test
	void aSlowUserServiceFailsTheOrderClosedAndNothingIsStored() {
		String slow = user("slow");

		place(slow, oneMug()).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("user service is unavailable"));
		assertThat(orderIds(slow)).isEmpty();
	}

	@Test
	void aFailingUserServiceFailsTheOrderClosedAndNothingIsStored() {
		String broken = user("broken");

		place(broken, oneMug()).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(orderIds(broken)).isEmpty();
	}

	@Test
	void aUserListsTheirOrdersNewestFirstPageByPage() {
		String alice = user("alice");
		String first = placedId(alice);
		String second = placedId(alice);
		String third = placedId(alice);
		placedId(user("bob"));

		assertThat(orderIds(alice)).containsExactly(third, second, first);
		assertThat(orderIds(alice, "?page=0&size=2")).containsExactly(third, second);
		assertThat(orderIds(alice, "?page=1&size=2")).containsExactly(first);
	}

	@Test
	void aPageIsAtMostOneHundredOrders() {
		this.http.get()
			.uri("/api/orders?size=101")
			.header(IdentityHeaders.USER_ID, user("alice"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anotherUsersOrderIsNotFound() {
		String alice = user("alice");
		String bob = user("bob");
		String order = placedId(alice);

		this.http.get()
			.uri("/api/orders/" + order)
			.header(IdentityHeaders.USER_ID, bob)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(orderIds(bob)).isEmpty();
	}

	@Test
	void aMissingOrderIsNotFound() {
		this.http.get()
			.uri("/api/orders/no-such-order")
			.header(IdentityHeaders.USER_ID, user("alice"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void ordersNeedAnIdentity() {
		this.http.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(oneMug())
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get().uri("/api/orders").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void exposesLivenessAndReadiness() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void publishesItsOpenApiDocument() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/orders']")
			.exists()
			.jsonPath("$.paths['/api/orders'].post.responses['201']")
			.exists()
			.jsonPath("$.paths['/api/orders/{id}'].get.parameters[?(@.in == 'header')].name")
			.isEqualTo(List.of(IdentityHeaders.USER_ID))
			.jsonPath("$.paths['/api/orders/{id}'].get.parameters[?(@.name == 'caller')]")
			.isEmpty()
			.jsonPath("$.paths['/api/products']")
			.exists();
	}

	private RestTestClient.ResponseSpec place(String userId, String body) {
		return this.http.post()
			.uri("/api/orders")
			.header(IdentityHeaders.USER_ID, userId)
			.header(IdentityHeaders.USER_ROLES, "USER")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	private String placedId(String userId) {
		return place(userId, oneMug()).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.LOCATION)
			.substring("/api/orders/".length());
	}

	private List<String> orderIds(String userId) {
		return orderIds(userId, "");
	}

	private List<String> orderIds(String userId, String query) {
		List<Map<String, Object>> orders = this.http.get()
			.uri("/api/orders" + query)
			.header(IdentityHeaders.USER_ID, userId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
		return orders.stream().map((order) -> (String) order.get("id")).toList();
	}

	private static String oneMug() {
		return "{\"items\": [{\"productId\": \"ceramic-mug\", \"quantity\": 1}]}";
	}

	/**
	 * A fresh user id; its prefix tells the fake user-service how to answer.
	 */
	private static String user(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

}
