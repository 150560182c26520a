package dev.microshop.common.testing;

import java.util.List;

import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Reads a running service's {@code /actuator/prometheus} as a Prometheus server does,
 * without credentials.
 */
public final class PrometheusScrape {

	private PrometheusScrape() {
	}

	/**
	 * Returns the exposition of the service on {@code port}, line by line, after checking
	 * that it answered 200.
	 */
	public static List<String> lines(int port) {
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()
			.lines()
			.toList();
	}

}
