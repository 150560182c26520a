package dev.microshop.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.microshop.gateway.ratelimit.RateLimitProperties.Limit;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;

import org.springframework.cloud.gateway.filter.ratelimit.Bucket4jRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;

import reactor.core.publisher.Mono;

/**
 * The token buckets of one gateway, in its memory: Spring Cloud Gateway's
 * {@link Bucket4jRateLimiter} over Bucket4j's Caffeine store, with the limits of
 * {@link RateLimitProperties} and the headers {@link RedisRateLimiter} sends, so that a
 * client sees the same answers from either.
 * <p>
 * At most {@code maxBuckets} buckets are kept (the least recently used go first), and a
 * bucket goes once it would be full again anyway, so idle callers cost no memory.
 */
class InMemoryRateLimiter extends Bucket4jRateLimiter {

	private final RateLimitProperties properties;

	private final Map<String, Config> configs = new ConcurrentHashMap<>();

	private final RateLimitMetrics metrics;

	InMemoryRateLimiter(RateLimitProperties properties, ConfigurationService configurationService,
			RateLimitMetrics metrics) {
		super(buckets(properties.maxBuckets()), configurationService);
		this.properties = properties;
		this.metrics = metrics;
	}

	private static AsyncProxyManager<String> buckets(long maxBuckets) {
		return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(maxBuckets))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build()
			.asAsync();
	}

	/**
	 * Bucket4jRateLimiter keys a bucket by the caller alone; the route is added so that
	 * each route has its own bucket per caller, as with Redis. The decision is counted
	 * ({@link RateLimitMetrics}).
	 */
	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return this.metrics.counted(routeId, super.isAllowed(routeId, routeId + "." + id));
	}

	@Override
	protected Config loadRouteConfiguration(String routeId) {
		return this.configs.computeIfAbsent(routeId, this::configOf);
	}

	private Config configOf(String routeId) {
		Limit limit = this.properties.limitOf(routeId);
		return new Config().setCapacity(limit.burstCapacity())
			.setRefillTokens((long) limit.replenishRate())
			.setRefillPeriod(Duration.ofSeconds(1))
			.setRefillStyle(RefillStyle.GREEDY)
			.setRequestedTokens(limit.requestedTokens());
	}

	@Override
	public Map<String, String> getHeaders(Config config, Long tokensLeft) {
		return Map.of(RedisRateLimiter.REMAINING_HEADER, tokensLeft.toString(), RedisRateLimiter.REPLENISH_RATE_HEADER,
				String.valueOf(config.getRefillTokens()), RedisRateLimiter.BURST_CAPACITY_HEADER,
				String.valueOf(config.getCapacity()), RedisRateLimiter.REQUESTED_TOKENS_HEADER,
				String.valueOf(config.getRequestedTokens()));
	}

}
