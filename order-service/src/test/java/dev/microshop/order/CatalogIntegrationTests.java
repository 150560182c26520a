package dev.microshop.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.order.catalog.application.CatalogSeeder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@EmbeddedBroker
class CatalogIntegrationTests implements UserServiceStandIn {

	@Autowired
	CatalogSeeder seeder;

	@Autowired
	MongoOperations mongo;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void anyoneBrowsesTheSeededCatalogWithPricesAsStrings() {
		this.http.get()
			.uri("/api/products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.value(Integer.class, (count) -> assertThat(count).isGreaterThanOrEqualTo(6))
			.jsonPath("$[*].price.amount")
			.value(new ParameterizedTypeReference<List<Object>>() {
			}, (amounts) -> assertThat(amounts).allSatisfy((amount) -> assertThat(amount).isInstanceOf(String.class))
				.anySatisfy((amount) -> assertThat(new BigDecimal((String) amount))
					.isGreaterThanOrEqualTo(new BigDecimal("250.00"))))
			.jsonPath("$[*].price.currency")
			.value(new ParameterizedTypeReference<List<String>>() {
			}, (currencies) -> assertThat(currencies).containsOnly("EUR"))
			.jsonPath("$[?(@.id == 'mechanical-keyboard')].price.amount")
			.isEqualTo(List.of("250.00"));
	}

	@Test
	void anyoneReadsOneProduct() {
		this.http.get().uri("/api/products/espresso-machine").exchange().expectStatus().isOk().expectBody().json("""
				{"id": "espresso-machine", "name": "Espresso machine", "price": {"amount": "349.00", "currency": "EUR"}}
				""");
	}

	@Test
	void anUnknownProductIsNotFound() {
		this.http.get()
			.uri("/api/products/flying-car")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theCatalogIsPublicForAMinuteWithAStrongEtag() {
		for (String path : List.of("/api/products", "/api/products/espresso-machine")) {
			this.http.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.expectHeader()
				.value(HttpHeaders.ETAG, (etag) -> assertThat(etag).startsWith("\"").doesNotStartWith("W/"));
		}
	}

	@Test
	void aClientHoldingTheCurrentCatalogGetsNotModifiedWithoutABody() {
		String etag = this.http.get()
			.uri("/api/products")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult()
			.getResponseHeaders()
			.getETag();

		this.http.get()
			.uri("/api/products")
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
			.expectBody()
			.isEmpty();
		this.http.get()
			.uri("/api/products")
			.header(HttpHeaders.IF_NONE_MATCH, "\"an-older-catalog\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.value(Integer.class, (count) -> assertThat(count).isGreaterThanOrEqualTo(6));
	}

	@Test
	void eachProductHasItsOwnEtag() {
		String mug = etag("/api/products/ceramic-mug");
		String keyboard = etag("/api/products/mechanical-keyboard");

		assertThat(mug).isNotEqualTo(keyboard).isEqualTo(etag("/api/products/ceramic-mug"));
	}

	@Test
	void anUnknownProductIsNotCacheable() {
		this.http.get()
			.uri("/api/products/flying-car")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.doesNotExist(HttpHeaders.ETAG)
			.expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL);
	}

	@Test
	void seedingAgainAddsNothing() {
		int before = productCount();

		assertThat(this.seeder.seed()).isZero();
		assertThat(productCount()).isEqualTo(before);
	}

	@Test
	void replicasSeedingAnEmptyCatalogTogetherAddEachProductOnce() {
		this.mongo.dropCollection("products");

		List<CompletableFuture<Integer>> replicas = IntStream.range(0, 4)
			.mapToObj((i) -> CompletableFuture.supplyAsync(this.seeder::seed))
			.toList();

		assertThat(replicas.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(6);
		assertThat(productCount()).isEqualTo(6);
	}

	private String etag(String path) {
		return this.http.get().uri(path).exchange().expectStatus().isOk().returnResult().getResponseHeaders().getETag();
	}

	private int productCount() {
		return this.http.get()
			.uri("/api/products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody()
			.size();
	}

}
