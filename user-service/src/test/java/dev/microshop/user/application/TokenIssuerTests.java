package dev.microshop.user.application;

import java.time.Duration;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;

import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIssuerTests {

	private final JwtProperties properties = new JwtProperties("microshop", "microshop-api", Duration.ofMinutes(15),
			null);

	private final SigningKeys keys = new SigningKeys(this.properties, new InMemorySigningKeyRepository());

	private final TokenIssuer issuer = new TokenIssuer(this.properties, this.keys);

	@Test
	void tokenVerifiesAgainstThePublishedKeysAndCarriesThePlatformClaims() throws Exception {
		User user = new User("user-42", EmailAddress.of("ada@example.com"), "Ada", "{bcrypt}x",
				Set.of(Role.USER, Role.ADMIN), Instant.now());
		Instant before = Instant.now().minusSeconds(1);

		AccessToken token = this.issuer.issue(user);

		Jwt jwt = decoder().decode(token.value());
		assertThat(jwt.getHeaders()).containsEntry("alg", "ES256");
		JWK published = JWKSet.parse(publishedJson()).getKeys().get(0);
		assertThat(jwt.getHeaders()).containsEntry("kid", published.getKeyID());
		assertThat(published.getKeyID()).isEqualTo(published.computeThumbprint().toString());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("microshop");
		assertThat(jwt.getAudience()).containsExactly("microshop-api");
		assertThat(jwt.getSubject()).isEqualTo("user-42");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER", "ADMIN");
		assertThat(jwt.getIssuedAt()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.SECONDS));
		assertThat(jwt.getNotBefore()).isEqualTo(jwt.getIssuedAt());
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
		assertThat(jwt.getId()).isNotBlank();
		assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void everyTokenHasItsOwnId() {
		User user = new User("user-1", EmailAddress.of("a@example.com"), "A", "{bcrypt}x", Set.of(Role.USER),
				Instant.now());
		NimbusJwtDecoder decoder = decoder();
		assertThat(decoder.decode(this.issuer.issue(user).value()).getId())
			.isNotEqualTo(decoder.decode(this.issuer.issue(user).value()).getId());
	}

	@Test
	void publishedKeysHaveNoPrivatePart() {
		assertThat(publishedJson()).contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"").doesNotContain("\"d\"");
	}

	@Test
	void neverPrintsTheToken() {
		User user = new User("user-1", EmailAddress.of("a@example.com"), "A", "{bcrypt}x", Set.of(Role.USER),
				Instant.now());
		AccessToken token = this.issuer.issue(user);
		assertThat(token.toString()).doesNotContain(token.value());
	}

	private String publishedJson() {
		return this.keys.publicKeys().toString(true);
	}

	private NimbusJwtDecoder decoder() {
		try {
			return NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(JWKSet.parse(publishedJson())))
				.jwsAlgorithm(SignatureAlgorithm.ES256)
				.build();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
