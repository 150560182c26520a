package dev.microshop.benchmarks.bare;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class BareGatewayTests {

	@Test
	void forwardsEveryPathWithItsHeadersToTheTarget() throws Exception {
		HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		target.createContext("/", (exchange) -> {
			byte[] body = (exchange.getRequestURI().getPath() + " for "
					+ exchange.getRequestHeaders().getFirst("X-User-Id"))
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		target.start();
		try (ConfigurableApplicationContext gateway = start(target.getAddress().getPort())) {
			int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/me"))
					.header("X-User-Id", "u-1")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("/api/users/me for u-1");
		}
		finally {
			target.stop(0);
		}
	}

	private static ConfigurableApplicationContext start(int targetPort) {
		return BareGateway.application().run("--server.port=0", "--BARE_GATEWAY_TARGET=http://127.0.0.1:" + targetPort);
	}

}
