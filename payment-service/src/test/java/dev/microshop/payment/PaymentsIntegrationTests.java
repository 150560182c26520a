package dev.microshop.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.money.Money;
import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentRepository;
import dev.microshop.payment.domain.PaymentStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@EmbeddedBroker
class PaymentsIntegrationTests {

	@Autowired
	PaymentRepository payments;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void aUserReadsOnlyTheirOwnPayments() {
		String alice = "alice-" + UUID.randomUUID();
		add(payment("order-a1", alice, PaymentStatus.AUTHORIZED));
		add(payment("order-a2", alice, PaymentStatus.DECLINED));
		add(payment("order-b1", "bob-" + UUID.randomUUID(), PaymentStatus.AUTHORIZED));

		this.http.get()
			.uri("/api/payments")
			.header(IdentityHeaders.USER_ID, alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].orderId")
			.isEqualTo("order-a2")
			.jsonPath("$[0].amount.amount")
			.isEqualTo("12.50");

		this.http.get()
			.uri("/api/payments?orderId=order-b1")
			.header(IdentityHeaders.USER_ID, alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("[]");
	}

	@Test
	void anotherUsersPaymentIsNeverShownEvenForTheirOrderId() {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		String order = "order-" + UUID.randomUUID();
		add(payment(order, alice, PaymentStatus.AUTHORIZED));

		this.http.get()
			.uri("/api/payments?orderId=" + order)
			.header(IdentityHeaders.USER_ID, alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].orderId")
			.isEqualTo(order);
		this.http.get()
			.uri("/api/payments?orderId=" + order)
			.header(IdentityHeaders.USER_ID, bob)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("[]");
		this.http.get()
			.uri("/api/payments")
			.header(IdentityHeaders.USER_ID, bob)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("[]");
	}

	@Test
	void anOrderHasAtMostOnePayment() {
		assertThat(add(payment("order-once", "carol", PaymentStatus.AUTHORIZED))).isTrue();
		assertThat(add(payment("order-once", "carol", PaymentStatus.DECLINED))).isFalse();
		assertThat(this.payments.findByUserAndOrder("carol", "order-once")).singleElement()
			.extracting(Payment::status)
			.isEqualTo(PaymentStatus.AUTHORIZED);
	}

	@Test
	void readingWithoutIdentityIsUnauthorized() {
		this.http.get()
			.uri("/api/payments")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
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
			.jsonPath("$.paths['/api/payments']")
			.exists();
	}

	private boolean add(Payment payment) {
		return this.payments.add(payment, List.of(payment.outcome()));
	}

	private static Payment payment(String orderId, String userId, PaymentStatus status) {
		return new Payment(UUID.randomUUID().toString(), orderId, userId, Money.of("12.50", "EUR"), status,
				(status == PaymentStatus.DECLINED) ? "over the limit" : null, Instant.now());
	}

}
