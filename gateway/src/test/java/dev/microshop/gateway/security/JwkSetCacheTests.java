package dev.microshop.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class JwkSetCacheTests {

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);

	private final ECKey keyA = generateKey();

	private final ECKey keyB = generateKey();

	private final TestClock clock = new TestClock();

	private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(this.keyA.toPublicJWK()));

	private final AtomicInteger downloads = new AtomicInteger();

	private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

	private final JwkSetCache cache = new JwkSetCache(() -> Mono.defer(() -> {
		this.downloads.incrementAndGet();
		RuntimeException failure = this.failure.get();
		return (failure != null) ? Mono.error(failure) : Mono.just(this.published.get());
	}), TTL, MIN_REFRESH_INTERVAL, this.clock);

	@Test
	void theKeySetIsFetchedOnceAndReusedWhileItIsFresh() {
		assertThat(keysFor(this.keyA.getKeyID())).containsExactly(this.keyA.toPublicJWK());
		this.clock.advance(TTL.minusSeconds(1));
		assertThat(keysFor(this.keyA.getKeyID())).containsExactly(this.keyA.toPublicJWK());
		assertThat(this.downloads).hasValue(1);
	}

	@Test
	void aKeyRemovedFromTheSetStopsVerifyingOnceTheSetIsFetchedAgain() {
		keysFor(this.keyA.getKeyID());
		this.published.set(new JWKSet(this.keyB.toPublicJWK()));

		this.clock.advance(TTL.minusSeconds(1));
		assertThat(keysFor(this.keyA.getKeyID())).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(keysFor(this.keyA.getKeyID())).isEmpty();
		assertThat(this.downloads).hasValue(2);
	}

	@Test
	void aNewKeyIsFetchedAsSoonAsATokenNamesIt() {
		keysFor(this.keyA.getKeyID());
		this.clock.advance(MIN_REFRESH_INTERVAL);
		this.published.set(new JWKSet(List.of(this.keyA.toPublicJWK(), this.keyB.toPublicJWK())));

		assertThat(keysFor(this.keyB.getKeyID())).containsExactly(this.keyB.toPublicJWK());
		assertThat(this.downloads).hasValue(2);
	}

	@Test
	void unknownKeyIdsFetchTheSetAtMostOncePerInterval() {
		keysFor(this.keyA.getKeyID());
		this.clock.advance(MIN_REFRESH_INTERVAL);

		for (int i = 0; i < 100; i++) {
			assertThat(keysFor(UUID.randomUUID().toString())).isEmpty();
			this.clock.advance(Duration.ofMillis(50));
		}

		// 5 s went by: one early fetch, then none until the interval has passed.
		assertThat(this.downloads).hasValue(2);
		this.clock.advance(MIN_REFRESH_INTERVAL);
		keysFor(UUID.randomUUID().toString());
		assertThat(this.downloads).hasValue(3);
	}

	@Test
	void aFailedFetchKeepsTheKnownKeysAndIsRetriedAfterTheInterval() {
		keysFor(this.keyA.getKeyID());
		this.failure.set(new IllegalStateException("user-service is down"));
		this.clock.advance(TTL);

		assertThat(keysFor(this.keyA.getKeyID())).containsExactly(this.keyA.toPublicJWK());
		assertThat(keysFor(this.keyA.getKeyID())).containsExactly(this.keyA.toPublicJWK());
		assertThat(this.downloads).hasValue(2);

		this.failure.set(null);
		this.published.set(new JWKSet(this.keyB.toPublicJWK()));
		this.clock.advance(MIN_REFRESH_INTERVAL);
		assertThat(keysFor(this.keyA.getKeyID())).isEmpty();
		assertThat(this.downloads).hasValue(3);
	}

	@Test
	void withoutAnyKeyYetTheFetchIsRetriedAfterTheInterval() {
		this.failure.set(new IllegalStateException("user-service is not up yet"));
		assertThat(keysFor(this.keyA.getKeyID())).isEmpty();
		assertThat(keysFor(this.keyA.getKeyID())).isEmpty();
		assertThat(this.downloads).hasValue(1);

		this.failure.set(null);
		this.clock.advance(MIN_REFRESH_INTERVAL);
		assertThat(keysFor(this.keyA.getKeyID())).containsExactly(this.keyA.toPublicJWK());
	}

	@Test
	void concurrentRequestsShareOneDownload() {
		Sinks.One<JWKSet> response = Sinks.one();
		AtomicInteger started = new AtomicInteger();
		JwkSetCache slow = new JwkSetCache(() -> Mono.defer(() -> {
			started.incrementAndGet();
			return response.asMono();
		}), TTL, MIN_REFRESH_INTERVAL, this.clock);

		List<List<JWK>> results = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			slow.keysFor(token(this.keyA.getKeyID())).collectList().subscribe(results::add);
		}
		response.tryEmitValue(this.published.get());

		assertThat(started).hasValue(1);
		assertThat(results).hasSize(3).allSatisfy((keys) -> assertThat(keys).hasSize(1));
	}

	@Test
	void theSameSetFetchedAgainKeepsItsVersionAndAChangedSetGetsAHigherOne() {
		long first = version();
		this.clock.advance(TTL);
		assertThat(version()).isEqualTo(first);

		this.published.set(new JWKSet(List.of(this.keyA.toPublicJWK(), this.keyB.toPublicJWK())));
		this.clock.advance(TTL);
		long second = version();
		assertThat(second).isGreaterThan(first);

		this.published.set(new JWKSet(this.keyB.toPublicJWK()));
		this.clock.advance(TTL);
		assertThat(version()).isGreaterThan(second);
		assertThat(this.downloads).hasValue(4);
	}

	@Test
	void aFailedFetchKeepsTheVersionOfTheKnownKeys() {
		long known = version();
		this.failure.set(new IllegalStateException("user-service is down"));
		this.clock.advance(TTL);

		assertThat(version()).isEqualTo(known);
		assertThat(this.downloads).hasValue(2);
	}

	private long version() {
		return this.cache.version().block(Duration.ofSeconds(5));
	}

	private List<JWK> keysFor(String keyId) {
		return this.cache.keysFor(token(keyId)).collectList().block(Duration.ofSeconds(5));
	}

	private static SignedJWT token(String keyId) {
		return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
				new JWTClaimsSet.Builder().subject("user-1").build());
	}

	private static ECKey generateKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
