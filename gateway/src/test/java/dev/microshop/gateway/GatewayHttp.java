package dev.microshop.gateway;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real HTTP client for the gateway under test.
 */
final class GatewayHttp {

	private GatewayHttp() {
	}

	/**
	 * The first request also fetches the key set and warms up the proxy's connection
	 * pool; on a busy build machine that can take longer than the 5 s default.
	 */
	static WebTestClient at(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
