package dev.microshop.gateway;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class ProductCacheTests {

	/** What Spring Security sends on everything not marked otherwise. */
	static final String NEVER_STORE = "no-cache, no-store, max-age=0, must-revalidate";

	@LocalServerPort
	int port;

	@Autowired
	ConfigurableApplicationContext context;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = GatewayHttp.at(this.port);
	}

	@Test
	void aSecondRequestIsAnsweredFromTheCache() {
		String path = product("p");

		EntityExchangeResult<byte[]> first = get(path).exchange().expectStatus().isOk().expectBody().returnResult();
		EntityExchangeResult<byte[]> second = get(path).exchange().expectStatus().isOk().expectBody().returnResult();

		assertThat(catalogCalls(path)).isEqualTo(1);
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(new String(second.getResponseBody())).contains(path.substring("/api/products/".length()));
		assertThat(second.getResponseHeaders().getETag()).isNotNull().isEqualTo(first.getResponseHeaders().getETag());
		// Public, for at most the gateway's 30 s (the service's 60 s are cut to what the
		// cache still holds).
		assertThat(List.of(first, second))
			.allSatisfy((response) -> assertThat(response.getResponseHeaders().getCacheControl())
				.matches("public, ?max-age=([12]?[0-9]|30)"));
	}

	@Test
	void theCacheOutlivesARefreshOfTheRoutes() {
		String path = product("p");
		get(path).exchange().expectStatus().isOk();
		// A refresh of the routes (a configuration change, /actuator/gateway/refresh)
		// builds their filters again.
		AtomicBoolean refreshed = new AtomicBoolean();
		this.context.addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof RefreshRoutesResultEvent) {
				refreshed.set(true);
			}
		});
		this.context.publishEvent(new RefreshRoutesEvent(this));
		await().untilTrue(refreshed);

		get(path).exchange().expectStatus().isOk();
		assertThat(catalogCalls(path)).isEqualTo(1);
	}

	@Test
	void aClientHoldingTheCachedVersionGetsNotModifiedWithoutABody() {
		String path = product("p");
		String etag = get(path).exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();

		get(path).header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (cacheControl) -> assertThat(cacheControl).startsWith("public"))
			.expectBody()
			.isEmpty();
		get(path).header(HttpHeaders.IF_NONE_MATCH, "\"an-older-version\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.exists();
		assertThat(catalogCalls(path)).isEqualTo(1);
	}

	@Test
	void aConditionalRequestTheCacheCannotAnswerIsAnsweredByTheService() {
		String path = product("p");
		String etag = get(path).headers((headers) -> headers.setBearerAuth(token()))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();

		get(path).header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectBody()
			.isEmpty();

		assertThat(catalogCalls(path)).isEqualTo(2);
	}

	@Test
	void requestsWithCredentialsNeitherReadNorFillTheCache() {
		String path = product("p");
		String token = token();

		for (int i = 0; i < 2; i++) {
			get(path).headers((headers) -> headers.setBearerAuth(token)).exchange().expectStatus().isOk();
			get(path).header(HttpHeaders.COOKIE, "session=abc").exchange().expectStatus().isOk();
		}
		assertThat(catalogCalls(path)).isEqualTo(4);

		get(path).exchange().expectStatus().isOk();
		get(path).exchange().expectStatus().isOk();
		get(path).headers((headers) -> headers.setBearerAuth(token)).exchange().expectStatus().isOk();
		assertThat(catalogCalls(path)).isEqualTo(6);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			private-  | private, max-age=60
			no-store- | no-store
			unmarked- | """ + NEVER_STORE)
	void answersTheServiceDoesNotMakePublicAreNeverKept(String kind, String cacheControl) {
		String path = product(kind);

		get(path).exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, cacheControl);
		get(path).exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, cacheControl);

		assertThat(catalogCalls(path)).isEqualTo(2);
	}

	@Test
	void ordersAreNeverKeptNorPublic() {
		String userId = DashboardTests.user("gus");
		String token = TestTokens.token(userId, List.of("USER"));

		for (int i = 0; i < 2; i++) {
			get("/api/orders").headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.CACHE_CONTROL, NEVER_STORE);
		}

		assertThat(StubService.received()).filteredOn((request) -> userId.equals(request.userId()))
			.hasSize(2)
			.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/api/orders"));
	}

	/** How many requests for this path reached order-service. */
	private static long catalogCalls(String path) {
		return StubService.received()
			.stream()
			.filter((request) -> request.service().equals("order-service") && request.path().equals(path))
			.count();
	}

	private WebTestClient.RequestHeadersSpec<?> get(String path) {
		return this.http.get().uri(path);
	}

	private static String token() {
		return TestTokens.token(DashboardTests.user("hal"), List.of("USER"));
	}

	/**
	 * A product no test asked for before; its prefix tells the stub order-service how to
	 * mark it.
	 */
	private static String product(String kind) {
		return "/api/products/" + kind + UUID.randomUUID();
	}

}
