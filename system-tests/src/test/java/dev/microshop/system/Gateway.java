package dev.microshop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the platform's only public entry, the gateway on port 8080.
 */
final class Gateway {

	private static final URI BASE = URI.create("http://127.0.0.1:8080");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Response get(String path, String token) {
		return send(request(path, token).GET());
	}

	Response post(String path, String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json(body))));
	}

	static String json(Object body) {
		return json.writeValueAsString(body);
	}

	Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(15));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	record Response(int status, HttpHeaders headers, String body) {

		String contentType() {
			return header("Content-Type");
		}

		/** The header's first value, or an empty string. */
		String header(String name) {
			return this.headers.firstValue(name).orElse("");
		}

		JsonNode json() {
			return json.readTree(this.body);
		}

	}

}
