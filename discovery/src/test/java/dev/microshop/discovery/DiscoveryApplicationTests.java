package dev.microshop.discovery;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DiscoveryApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheRegistryAndItsHealth() {
		RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		http.get()
			.uri("/eureka/apps")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.applications")
			.exists();
		http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

}
