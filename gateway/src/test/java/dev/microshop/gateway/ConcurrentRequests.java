package dev.microshop.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends many requests at once, spread over one or more gateways, and returns their
 * statuses.
 */
final class ConcurrentRequests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private ConcurrentRequests() {
	}

	/** {@code count} GETs of {@code path} with the token, sent in turn to each port. */
	static List<Integer> get(List<Integer> ports, String path, String token, int count) {
		List<CompletableFuture<Integer>> responses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i % ports.size()) + path))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(30))
				.build();
			responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.thenApply(HttpResponse::statusCode));
		}
		return responses.stream().map(CompletableFuture::join).toList();
	}

}
