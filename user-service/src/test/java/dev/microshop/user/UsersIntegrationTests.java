package dev.microshop.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@EmbeddedBroker
@WithAdministrator
class UsersIntegrationTests {

	@Autowired
	MongoOperations mongo;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl(baseUrl()).build();
	}

	@Test
	void registeringAnswersTheNewUserAndWhereToReadIt() {
		String email = uniqueEmail();
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "correct horse", "displayName", "Ada"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/users/me")
			.expectBody()
			.jsonPath("$.id")
			.isNotEmpty()
			.jsonPath("$.email")
			.isEqualTo(email)
			.jsonPath("$.displayName")
			.isEqualTo("Ada")
			.jsonPath("$.password")
			.doesNotExist();
	}

	@Test
	void anAddressCanBeRegisteredOnlyOnceInAnyLetterCase() {
		String email = uniqueEmail();
		register(email, "correct horse", "Ada");

		for (String again : List.of(email, email.toUpperCase())) {
			this.http.post()
				.uri("/api/auth/register")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", again, "password", "another horse", "displayName", "Eve"))
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void concurrentRegistrationsOfOneAddressCreateOneUser() {
		String email = uniqueEmail();
		List<Integer> statuses;
		try (ExecutorService clients = Executors.newFixedThreadPool(6)) {
			List<Future<Integer>> responses = IntStream.range(0, 6)
				.mapToObj((i) -> clients.submit(() -> this.http.post()
					.uri("/api/auth/register")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("email", (i % 2 == 0) ? email : email.toUpperCase(), "password", "correct horse",
							"displayName", "Racer " + i))
					.exchange()
					.returnResult()
					.getStatus()
					.value()))
				.toList();
			statuses = responses.stream().map(UsersIntegrationTests::join).toList();
		}

		assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
		assertThat(this.mongo.count(Query.query(Criteria.where("email").is(email)), "users")).isOne();
	}

	@Test
	void invalidRegistrationsNameTheFaultyFields() {
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "not-an-email", "password", "short", "displayName", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("email", "password",
					"displayName"));
	}

	@Test
	void aPasswordTooLongToHashIsRefusedUpFront() {
		// 40 characters, but 80 bytes in UTF-8: over what bcrypt can hash.
		this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", uniqueEmail(), "password", "é".repeat(40), "displayName", "Ada"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
	}

	@Test
	void theTokenFromALoginVerifiesAgainstThePublishedKeys() throws Exception {
		String email = uniqueEmail();
		String id = register(email, "correct horse", "Ada");

		TokenBody token = logIn(email.toUpperCase(), "correct horse");

		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.expiresIn()).isEqualTo(900);
		Jwt jwt = decoder().decode(token.accessToken());
		JWK published = JWKSet.parse(jwks()).getKeys().get(0);
		assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("kid", published.getKeyID());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("microshop");
		assertThat(jwt.getAudience()).containsExactly("microshop-api");
		assertThat(jwt.getSubject()).isEqualTo(id);
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
		assertThat(jwt.getNotBefore()).isNotNull();
		assertThat(jwt.getId()).isNotBlank();
	}

	@Test
	void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
		String email = uniqueEmail();
		register(email, "correct horse", "Ada");

		byte[] wrongPassword = failedLogin(email, "wrong horse");
		byte[] unknownAddress = failedLogin(uniqueEmail(), "correct horse");

		assertThat(new String(unknownAddress)).isEqualTo(new String(wrongPassword))
			.contains("\"status\":401")
			.doesNotContain("correct horse");
	}

	@Test
	void theCallerReadsTheirProfile() {
		String email = uniqueEmail();
		String id = register(email, "correct horse", "Ada");

		this.http.get()
			.uri("/api/users/me")
			.header(IdentityHeaders.USER_ID, id)
			.header(IdentityHeaders.USER_ROLES, "USER")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.email")
			.isEqualTo(email)
			.jsonPath("$.displayName")
			.isEqualTo("Ada")
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER"))
			.jsonPath("$.createdAt")
			.isNotEmpty()
			.jsonPath("$.passwordHash")
			.doesNotExist();
	}

	@Test
	void theProfileNeedsACaller() {
		this.http.get()
			.uri("/api/users/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theProfileOfAUserThatNoLongerExistsIsNotFound() {
		this.http.get()
			.uri("/api/users/me")
			.header(IdentityHeaders.USER_ID, "gone-" + UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void otherServicesLookUsersUp() {
		String email = uniqueEmail();
		String id = register(email, "correct horse", "Ada");

		this.http.get()
			.uri("/internal/users/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"displayName\":\"Ada\"}",
					JsonCompareMode.STRICT);
		this.http.get()
			.uri("/internal/users/{id}", "unknown-" + UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void thePasswordIsStoredOnlyAsABcryptHash() {
		String email = uniqueEmail();
		register(email, "correct horse", "Ada");

		Document stored = this.mongo.findOne(Query.query(Criteria.where("email").is(email)), Document.class, "users");

		assertThat(stored).isNotNull();
		assertThat(stored.toJson()).doesNotContain("correct horse");
		assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2");
	}

	@Test
	void thePublishedKeysArePublicAndCacheable() {
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.expectBody()
			.jsonPath("$.keys[0].kty")
			.isEqualTo("EC")
			.jsonPath("$.keys[0].crv")
			.isEqualTo("P-256")
			.jsonPath("$.keys[0].alg")
			.isEqualTo("ES256")
			.jsonPath("$.keys[0].d")
			.doesNotExist();
	}

	@Test
	void exposesLivenessAndReadiness() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void publishesItsOpenApiDocument() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/auth/register']")
			.exists()
			.jsonPath("$.paths['/api/auth/login']")
			.exists()
			.jsonPath("$.paths['/api/users/me']")
			.exists();
	}

	private String register(String email, String password, String displayName) {
		UserBody user = this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password, "displayName", displayName))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(UserBody.class)
			.returnResult()
			.getResponseBody();
		assertThat(user).isNotNull();
		return user.id();
	}

	private TokenBody logIn(String email, String password) {
		return this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(TokenBody.class)
			.returnResult()
			.getResponseBody();
	}

	private byte[] failedLogin(String email, String password) {
		return this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
	}

	private String jwks() {
		return this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Verifies tokens the way the gateway does: keys fetched from the JWKS endpoint.
	 */
	private NimbusJwtDecoder decoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/.well-known/jwks.json")
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				(aud) -> aud != null && aud.contains("microshop-api"));
		decoder
			.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator("microshop"), audience));
		return decoder;
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	record UserBody(String id, String email, String displayName) {
	}

	record TokenBody(String accessToken, String tokenType, long expiresIn) {
	}

}
