package dev.microshop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Verifies a token once and remembers it until it expires, as production gateways do
 * (Envoy's {@code jwt_authn}): a caller's later requests skip the ES256 signature check
 * and the claim validation, which were most of the gateway's work per request.
 * <p>
 * Remembering changes no decision. An entry is used only before the token's {@code exp}
 * and only while the key set it was verified with is still the one in use: a set that
 * changed (a key rotated out) makes every entry unusable and empties the cache, and a set
 * due to be fetched again is fetched first, as for a token seen for the first time
 * ({@link JwkSetCache#version()}). Only tokens the verifier accepted are remembered,
 * keyed by the whole token, signature included: a forged token is another key and is
 * always verified. Tokens are not revocable before {@code exp} with or without this
 * cache.
 * <p>
 * At most {@code maximumSize} tokens are kept, those least likely to be used again
 * leaving first (Caffeine's eviction); 0 remembers none.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder verifier;

	private final JwkSetCache keys;

	private final Clock clock;

	private final Cache<String, Verified> verified;

	/** The newest key set version seen; entries of older ones are dropped. */
	private final AtomicLong keySetVersion = new AtomicLong(Long.MIN_VALUE);

	CachingJwtDecoder(ReactiveJwtDecoder verifier, JwkSetCache keys, long maximumSize, Clock clock) {
		this.verifier = verifier;
		this.keys = keys;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			// Evictions on the caller's thread, at once: a few pointer moves, cheaper
			// than handing them to another pool, and the bound holds at every moment.
			.executor(Runnable::run)
			.maximumSize(maximumSize)
			.expireAfter(Expiry.writing((String token, Verified entry) -> entry.timeToLive()))
			.build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		return this.keys.version().flatMap((version) -> {
			Verified entry = remembered(token, version);
			if (entry != null) {
				return Mono.just(entry.jwt());
			}
			return this.verifier.decode(token).doOnNext((jwt) -> remember(token, jwt, version));
		});
	}

	private Verified remembered(String token, long version) {
		long seen = this.keySetVersion.get();
		if (version > seen && this.keySetVersion.compareAndSet(seen, version)) {
			this.verified.invalidateAll();
		}
		Verified entry = this.verified.getIfPresent(token);
		boolean usable = entry != null && entry.keySetVersion() == version
				&& this.clock.instant().isBefore(entry.expiresAt());
		return usable ? entry : null;
	}

	/**
	 * Remembers a token verified with the key set of the given version: if the set
	 * changed meanwhile, the entry is never used.
	 */
	private void remember(String token, Jwt jwt, long version) {
		Instant expiresAt = jwt.getExpiresAt();
		Instant now = this.clock.instant();
		if (expiresAt != null && now.isBefore(expiresAt)) {
			this.verified.put(token, new Verified(jwt, version, expiresAt, Duration.between(now, expiresAt)));
		}
	}

	/** How many tokens are remembered now, after pending evictions. */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private record Verified(Jwt jwt, long keySetVersion, Instant expiresAt, Duration timeToLive) {

	}

}
