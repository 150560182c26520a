package dev.microshop.system;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as compose/compose.yaml runs it: one {@code compose/up}, then the shop
 * through the gateway on 127.0.0.1:8080, the containers' hardening, and the data kept in
 * named volumes across {@code down} and {@code up}.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerImages.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeSystemTests {

	private static final List<String> SERVICES = List.of("discovery", "user-service", "order-service",
			"payment-service", "notification-service", "gateway");

	private static final Compose compose = new Compose("microshop-compose-test");

	private static final Gateway gateway = new Gateway();

	private static Shopper ada;

	private static String orderId;

	@BeforeAll
	static void up() {
		compose.up();
	}

	@AfterAll
	static void down() {
		compose.run("down", "--volumes", "--timeout", "30");
	}

	@Test
	@Order(1)
	void aShopperRegistersOrdersIsChargedAndNotified() {
		ada = Shopper.register(gateway, "ada");
		orderId = ada.place(Shopper.productPricedAtLeast(gateway, 250), 1).json().path("id").asString();

		assertThat(ada.awaitFinal(orderId).path("status").asString()).isEqualTo("CONFIRMED");
		JsonNode payments = ada.get("/api/payments?orderId=" + orderId);
		assertThat(payments.size()).isEqualTo(1);
		assertThat(payments.get(0).path("status").asString()).isEqualTo("AUTHORIZED");
		await().atMost(Shopper.SAGA_PATIENCE)
			.untilAsserted(() -> assertThat(ada.get("/api/notifications"))
				.anySatisfy((notification) -> assertThat(notification.path("orderId").asString()).isEqualTo(orderId)));
	}

	@Test
	@Order(2)
	void onlyTheGatewayIsPublishedAndServicesRunUnprivilegedOnReadOnlyFilesystems() {
		for (String service : SERVICES) {
			String container = compose.container(service);
			assertThat(Docker.docker("exec", container, "id", "-u")).as("uid in %s", service).isEqualTo("10001");
			assertThat(Docker
				.attempt(Docker.ROOT, java.util.Map.of(), java.time.Duration.ofSeconds(30),
						List.of("docker", "exec", container, "touch", "/application/written"))
				.output()).as("writing in %s", service).contains("Read-only file system");
			String published = Docker.docker("port", container);
			if (service.equals("gateway")) {
				assertThat(published).isEqualTo("8080/tcp -> 127.0.0.1:8080");
			}
			else {
				assertThat(published).as("ports published by %s", service).isEmpty();
			}
		}
	}

	@Test
	@Order(3)
	void dataSurvivesDownAndUpInTheNamedVolumes() {
		compose.run("down", "--timeout", "30");
		compose.up();

		Shopper again = Shopper.logIn(gateway, ada.email(), "password-ada");
		assertThat(again.get("/api/orders/" + orderId).path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(again.get("/api/payments?orderId=" + orderId).size()).isEqualTo(1);
		// Kafka kept its log and the consumers their offsets: nothing is handled twice.
		assertThat(again.get("/api/notifications"))
			.filteredOn((notification) -> notification.path("orderId").asString().equals(orderId))
			.hasSize(1);
	}

}
