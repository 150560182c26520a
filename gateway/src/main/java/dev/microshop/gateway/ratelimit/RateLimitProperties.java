package dev.microshop.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How the gateway limits the rate of requests: one token bucket per route and caller.
 *
 * @param redisUrl where the buckets live when several gateways must share them
 * ({@code redis://[:password@]host:port[/database]}, {@code rediss://} for TLS); blank
 * keeps them in this gateway's memory
 * @param redisTimeout how long connecting to Redis or one call to it may take before the
 * call counts as failed
 * @param onRedisError what a request gets when Redis cannot be asked
 * @param trustedProxies how many reverse proxies in front of the gateway append the
 * client's address to {@code X-Forwarded-For}; 0 (the default) uses the connection's
 * remote address and ignores the header, which any client can write
 * @param maxBuckets how many buckets one gateway keeps in memory (without Redis); the
 * least recently used are dropped first
 * @param defaults the limit of every route not named in {@code routes}
 * @param routes the limits of particular routes, by route id
 */
@ConfigurationProperties("microshop.rate-limit")
record RateLimitProperties(String redisUrl, @DefaultValue("500ms") Duration redisTimeout,
		@DefaultValue("allow") OnRedisError onRedisError, @DefaultValue("0") int trustedProxies,
		@DefaultValue("100000") long maxBuckets, @DefaultValue Limit defaults, Map<String, Limit> routes) {

	RateLimitProperties {
		Assert.isTrue(trustedProxies >= 0, "microshop.rate-limit.trusted-proxies must not be negative");
		routes = (routes != null) ? Map.copyOf(routes) : Map.of();
	}

	/** The limit of the route with the given id. */
	Limit limitOf(String routeId) {
		return this.routes.getOrDefault(routeId, this.defaults);
	}

	/**
	 * A token bucket: it holds at most {@code burstCapacity} tokens, gains
	 * {@code replenishRate} tokens a second, and each request takes
	 * {@code requestedTokens} or is refused. A rate below one request a second is a
	 * requested-tokens above the replenish rate (rate 1, requested 6: 10 a minute).
	 *
	 * @param replenishRate tokens added a second
	 * @param burstCapacity the most tokens the bucket holds: the requests that may come
	 * at once, times {@code requestedTokens}
	 * @param requestedTokens tokens one request takes
	 * @param key whose bucket a request takes its tokens from
	 */
	record Limit(@DefaultValue("50") int replenishRate, @DefaultValue("100") long burstCapacity,
			@DefaultValue("1") int requestedTokens, @DefaultValue("caller") Key key) {

		Limit {
			Assert.isTrue(replenishRate > 0, "A rate limit's replenish-rate must be positive");
			Assert.isTrue(requestedTokens > 0, "A rate limit's requested-tokens must be positive");
			// Redis's limiter requires it; the in-memory one follows, so both behave
			// alike.
			Assert.isTrue(burstCapacity >= Math.max(replenishRate, requestedTokens),
					"A rate limit's burst-capacity must be at least its replenish-rate and requested-tokens");
		}

	}

	/** Whose bucket a request takes its tokens from. */
	enum Key {

		/**
		 * The signed-in user's (the token's subject), or the client address's for an
		 * anonymous request.
		 */
		CALLER,

		/** The client address's, signed in or not. */
		CLIENT_ADDRESS

	}

	/** What a request gets when Redis cannot be asked whether it is within its limit. */
	enum OnRedisError {

		/** Let it through (fail open): a shop would rather serve than refuse. */
		ALLOW,

		/** Refuse it with 503 (fail closed). */
		DENY

	}

}
