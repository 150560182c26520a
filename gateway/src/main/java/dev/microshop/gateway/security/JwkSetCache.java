package dev.microshop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The keys user-service publishes, kept for a bounded time so that a key removed from the
 * set stops verifying tokens once the set is refreshed, and fetched again early when a
 * token names a key the set does not have, so that a new key is accepted as soon as it is
 * published. Early fetches happen at most once per {@code minRefreshInterval}, so tokens
 * with made-up key ids cannot make the gateway hammer user-service.
 * <p>
 * Hand-written because the reactive decoder's own remote key source keeps the first set
 * it fetched forever (a removed key stays valid until the gateway restarts) and fetches
 * the set again for every token with an unknown {@code kid}, however often. Nimbus's
 * {@code JWKSourceBuilder} has the right policies but is blocking and fetches with its
 * own HTTP client, outside discovery.
 * <p>
 * A failed fetch keeps the keys already known (user-service briefly down must not sign
 * everybody out) and is retried after {@code minRefreshInterval}; tokens signed with a
 * removed key still expire on their own.
 * <p>
 * Each different set fetched gets a new {@link #version() version}, so that what was
 * verified with an older set can be told apart ({@link CachingJwtDecoder}).
 */
final class JwkSetCache {

	private static final Logger logger = LoggerFactory.getLogger(JwkSetCache.class);

	private final Supplier<Mono<JWKSet>> download;

	private final Duration timeToLive;

	private final Duration minRefreshInterval;

	private final Clock clock;

	/**
	 * The latest keys, or the download in flight that concurrent callers share; empty
	 * before the first request.
	 */
	private final AtomicReference<Mono<Keys>> latest = new AtomicReference<>();

	private final AtomicLong versions = new AtomicLong();

	JwkSetCache(Supplier<Mono<JWKSet>> download, Duration timeToLive, Duration minRefreshInterval, Clock clock) {
		this.download = download;
		this.timeToLive = timeToLive;
		this.minRefreshInterval = minRefreshInterval;
		this.clock = clock;
	}

	/**
	 * Returns the published keys that may have signed the token, as the reactive decoder
	 * asks for them.
	 */
	Flux<JWK> keysFor(SignedJWT jwt) {
		JWSHeader header = jwt.getHeader();
		return keys(header.getKeyID()).flatMapIterable((keys) -> select(keys.set(), header));
	}

	/**
	 * Returns the version of the key set in use, fetching the set first when it is due,
	 * as {@link #keysFor} would. A set that differs from the one before it has a higher
	 * version; the same set fetched again keeps its version.
	 */
	Mono<Long> version() {
		return keys(null).map(Keys::version);
	}

	private Mono<Keys> keys(String keyId) {
		return Mono.defer(() -> {
			Mono<Keys> latest = this.latest.get();
			if (latest == null) {
				return refresh(null, null);
			}
			return latest.flatMap((keys) -> needsRefresh(keys, keyId) ? refresh(latest, keys) : Mono.just(keys));
		});
	}

	private boolean needsRefresh(Keys keys, String keyId) {
		Instant now = this.clock.instant();
		if (now.isBefore(keys.attemptedAt().plus(this.minRefreshInterval))) {
			return false;
		}
		boolean expired = !now.isBefore(keys.fetchedAt().plus(this.timeToLive));
		boolean unknownKey = keyId != null && keys.set().getKeyByKeyId(keyId) == null;
		return expired || unknownKey;
	}

	/**
	 * Downloads the key set, unless another caller replaced {@code seen} first: then
	 * waits for theirs.
	 */
	private Mono<Keys> refresh(Mono<Keys> seen, Keys known) {
		Mono<Keys> next = this.download.get()
			.map((set) -> new Keys(set, versionOf(set, known), this.clock.instant(), this.clock.instant()))
			.onErrorResume((ex) -> Mono.fromSupplier(() -> keptAfterFailure(known, ex)))
			.cache();
		return this.latest.compareAndSet(seen, next) ? next : this.latest.get();
	}

	private long versionOf(JWKSet set, Keys known) {
		boolean same = known != null && known.set().getKeys().equals(set.getKeys());
		return same ? known.version() : this.versions.incrementAndGet();
	}

	private Keys keptAfterFailure(Keys known, Throwable ex) {
		Instant now = this.clock.instant();
		if (known == null) {
			logger.warn("Could not fetch the JWT signing keys, no token can be verified yet: {}", ex.toString());
			return new Keys(new JWKSet(), 0, Instant.EPOCH, now);
		}
		logger.warn("Could not refresh the JWT signing keys, keeping the {} fetched at {}: {}", known.set().size(),
				known.fetchedAt(), ex.toString());
		return new Keys(known.set(), known.version(), known.fetchedAt(), now);
	}

	private static List<JWK> select(JWKSet set, JWSHeader header) {
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		return (matcher != null) ? new JWKSelector(matcher).select(set) : List.of();
	}

	/**
	 * A key set, its version, when it was fetched, and when a download was last tried.
	 */
	private record Keys(JWKSet set, long version, Instant fetchedAt, Instant attemptedAt) {

	}

}
