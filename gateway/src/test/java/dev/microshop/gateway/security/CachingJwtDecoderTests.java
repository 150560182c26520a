package dev.microshop.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.microshop.gateway.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache of verified tokens in front of the gateway's real verifier: it saves work and
 * never changes an answer.
 */
class CachingJwtDecoderTests {

	private static final Duration KEY_SET_TTL = Duration.ofMinutes(5);

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	private final ECKey keyA = TestTokens.newKey();

	private final ECKey keyB = TestTokens.newKey();

	private final TestClock clock = new TestClock();

	private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(this.keyA.toPublicJWK()));

	private final JwkSetCache keys = new JwkSetCache(() -> Mono.fromSupplier(this.published::get), KEY_SET_TTL,
			Duration.ofSeconds(10), this.clock);

	private final AtomicInteger verifications = new AtomicInteger();

	private final CachingJwtDecoder decoder = decoder(100);

	@Test
	void aTokenIsVerifiedOnceWhileItIsValid() {
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);

		for (int i = 0; i < 5; i++) {
			assertThat(decode(token).getSubject()).isEqualTo("user-1");
			this.clock.advance(Duration.ofMinutes(1));
		}

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aRememberedTokenIsVerifiedAgainFromItsExpiryAndRefusedOnceTheSkewIsPast() {
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);
		decode(token);

		this.clock.advance(TOKEN_LIFETIME);
		// Still within the 30 s the validator allows for clocks that differ, but verified
		// again rather than taken from the cache.
		decode(token);
		assertThat(this.verifications).hasValue(2);

		this.clock.advance(Duration.ofSeconds(31));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decode(token))
			.withMessageContaining("expired");
	}

	@Test
	void aTokenSignedByAKeyRemovedFromTheSetIsRefusedOnceTheChangedSetIsFetched() {
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);
		decode(token);
		this.published.set(new JWKSet(this.keyB.toPublicJWK()));

		// The set in use is fresh for its time to live: no decision changes before.
		this.clock.advance(KEY_SET_TTL.minusSeconds(1));
		assertThat(decode(token).getSubject()).isEqualTo("user-1");

		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(token));
		assertThat(this.decoder.size()).isZero();
		assertThat(decode(sign(this.keyB, "user-2", TOKEN_LIFETIME)).getSubject()).isEqualTo("user-2");
	}

	@Test
	void aTokenVerifiedWhileTheKeySetChangedIsNotUsedWithTheNewSet() {
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);
		// user-1's answer is held back until the new set is in use.
		Sinks.Empty<Void> held = Sinks.empty();
		CachingJwtDecoder slow = decoder(100,
				(jwt) -> "user-1".equals(jwt.getSubject()) ? held.asMono() : Mono.empty());
		Mono<Jwt> beforeTheChange = slow.decode(token).cache();
		beforeTheChange.subscribe();

		this.published.set(new JWKSet(this.keyB.toPublicJWK()));
		this.clock.advance(KEY_SET_TTL);
		String next = sign(this.keyB, "user-2", TOKEN_LIFETIME);
		assertThat(slow.decode(next).block(Duration.ofSeconds(5))).extracting(Jwt::getSubject).isEqualTo("user-2");
		held.tryEmitEmpty();
		assertThat(beforeTheChange.block(Duration.ofSeconds(5))).extracting(Jwt::getSubject).isEqualTo("user-1");

		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> slow.decode(token).block(Duration.ofSeconds(5)));
	}

	@Test
	void theSameKeySetFetchedAgainKeepsTheTokensRemembered() {
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);
		decode(token);

		this.clock.advance(KEY_SET_TTL);
		decode(token);

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aForgedTokenIsNeverRemembered() {
		String genuine = sign(this.keyA, "user-1", TOKEN_LIFETIME);
		decode(genuine);
		// The same header and claims, signed by a key of the same id that was never
		// published.
		ECKey impostor = TestTokens.newKey(this.keyA.getKeyID());
		String forged = sign(impostor, "user-1", TOKEN_LIFETIME);
		assertThat(forged).isNotEqualTo(genuine);

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(forged));
		}

		assertThat(this.verifications).hasValue(4);
		assertThat(this.decoder.size()).isOne();
	}

	@Test
	void atMostTheConfiguredNumberOfTokensIsRemembered() {
		CachingJwtDecoder small = decoder(3);

		for (int i = 0; i < 20; i++) {
			String subject = "user-" + i;
			assertThat(small.decode(sign(this.keyA, subject, TOKEN_LIFETIME)).block(Duration.ofSeconds(5)))
				.extracting(Jwt::getSubject)
				.isEqualTo(subject);
			assertThat(small.size()).isLessThanOrEqualTo(3);
		}
		assertThat(this.verifications).hasValue(20);
	}

	@Test
	void aSizeOfZeroVerifiesEveryRequest() {
		CachingJwtDecoder none = decoder(0);
		String token = sign(this.keyA, "user-1", TOKEN_LIFETIME);

		for (int i = 0; i < 3; i++) {
			assertThat(none.decode(token).block(Duration.ofSeconds(5))).extracting(Jwt::getSubject).isEqualTo("user-1");
		}

		assertThat(this.verifications).hasValue(3);
	}

	private Jwt decode(String token) {
		return this.decoder.decode(token).block(Duration.ofSeconds(5));
	}

	private CachingJwtDecoder decoder(long maximumSize) {
		return decoder(maximumSize, (jwt) -> Mono.empty());
	}

	/**
	 * The gateway's verifier, counted, its answers held back until {@code answer}
	 * completes.
	 */
	private CachingJwtDecoder decoder(long maximumSize, Function<Jwt, Mono<Void>> answer) {
		JwtProperties properties = new JwtProperties("microshop", "microshop-api",
				URI.create("http://user-service/.well-known/jwks.json"), Duration.ofSeconds(30), KEY_SET_TTL,
				Duration.ofSeconds(10), maximumSize);
		ReactiveJwtDecoder verifier = JwtConfiguration.verifier(properties, this.keys, this.clock);
		ReactiveJwtDecoder counted = (token) -> Mono.defer(() -> {
			this.verifications.incrementAndGet();
			return verifier.decode(token).delayUntil(answer);
		});
		return new CachingJwtDecoder(counted, this.keys, maximumSize, this.clock);
	}

	private String sign(ECKey key, String subject, Duration lifetime) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("microshop")
			.audience("microshop-api")
			.subject(subject)
			.claim("roles", List.of("USER"))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build();
		return TestTokens.sign(key, claims);
	}

}
