package dev.microshop.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's HTTP API as the benchmarks use it: users registered and signed in
 * directly at user-service (set-up, not measured, and not subject to the gateway's
 * sign-in rate limit), orders placed through the gateway.
 */
final class ShopClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI gateway;

	private final URI userService;

	ShopClient(HttpClient http, URI gateway, URI userService) {
		this.http = http;
		this.gateway = gateway;
		this.userService = userService;
	}

	/**
	 * An HTTP/1.1 client: the JDK's would otherwise offer every plain request an h2c
	 * upgrade, which no browser does.
	 */
	static HttpClient httpClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	URI gateway() {
		return this.gateway;
	}

	HttpClient http() {
		return this.http;
	}

	/**
	 * A signed-in user.
	 *
	 * @param id the user id, the token's subject
	 * @param token the access token
	 */
	record User(String id, String token) {

	}

	User register(String email, String password) throws IOException, InterruptedException {
		HttpResponse<String> registered = post(this.userService.resolve("/api/auth/register"), null,
				json("email", email, "password", password, "displayName", "Benchmark"));
		if (registered.statusCode() != 201) {
			throw new IOException(
					"Could not register " + email + ": " + registered.statusCode() + " " + registered.body());
		}
		return logIn(email, password);
	}

	User logIn(String email, String password) throws IOException, InterruptedException {
		HttpResponse<String> login = post(this.userService.resolve("/api/auth/login"), null,
				json("email", email, "password", password));
		if (login.statusCode() != 200) {
			throw new IOException("Could not sign in " + email + ": " + login.statusCode() + " " + login.body());
		}
		String token = JSON.readTree(login.body()).path("accessToken").asString();
		return new User(subject(token), token);
	}

	/**
	 * Places an order through the gateway.
	 * @return the response; 201 with the order as JSON when accepted
	 */
	HttpResponse<String> placeOrder(String token, String productId, int quantity)
			throws IOException, InterruptedException {
		return post(this.gateway.resolve("/api/orders"), token,
				"{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}");
	}

	static String id(String json) {
		JsonNode id = JSON.readTree(json).path("id");
		return id.isString() ? id.asString() : null;
	}

	/**
	 * Returns the {@code sub} claim of a JWT, read without checking the signature.
	 */
	static String subject(String jwt) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a JWT");
		}
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		return JSON.readTree(claims).path("sub").asString();
	}

	private HttpResponse<String> post(URI uri, String token, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String json(String... namesAndValues) {
		var object = JSON.createObjectNode();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			object.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return JSON.writeValueAsString(object);
	}

}
