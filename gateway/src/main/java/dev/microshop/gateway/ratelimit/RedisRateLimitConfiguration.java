package dev.microshop.gateway.ratelimit;

import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.StringUtils;

import reactor.core.publisher.Mono;

/**
 * With {@code REDIS_URL} set, the buckets live in Redis so that every gateway replica
 * takes from the same ones: Spring Cloud Gateway's {@link RedisRateLimiter}, whose Lua
 * script takes the tokens atomically in Redis, over a reactive Lettuce connection.
 * <p>
 * Wired here, not by Boot's Redis auto-configuration, because that one has no switch:
 * without Redis it would still make a connection factory and a health indicator that
 * reports the gateway down. Nothing here exists without {@code REDIS_URL}. Even with it
 * there is no Redis health indicator: while Redis is down the gateway still serves
 * (failing open by default), so it must stay ready; the
 * {@value RateLimitRedisTemplate#ERRORS_METRIC} metric and a warning tell the outage.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisRateLimitConfiguration.RedisConfigured.class)
class RedisRateLimitConfiguration {

	/**
	 * Connects on the first request, not at start-up, so a gateway starts while Redis is
	 * down. While the connection is lost, calls fail at once rather than queue for the
	 * reconnection, and no call waits longer than the configured timeout: the request
	 * waits for the rate limiter, so the rate limiter must not make it wait long.
	 */
	@Bean
	LettuceConnectionFactory rateLimitRedisConnectionFactory(RateLimitProperties properties) {
		RedisURI uri = RedisURI.create(properties.redisUrl());
		ClientOptions options = ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(properties.redisTimeout()).build())
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.apply(uri)
			.commandTimeout(properties.redisTimeout())
			.clientOptions(options)
			.build();
		return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
	}

	/**
	 * Spring Cloud Gateway's token bucket, with the limits of {@link RateLimitProperties}
	 * set by route id; every other route falls back to the default-filters entry.
	 */
	@Bean
	RedisRateLimiter redisRateLimiter(LettuceConnectionFactory rateLimitRedisConnectionFactory,
			ConfigurationService configurationService, RateLimitProperties properties, MeterRegistry meters,
			RateLimitMetrics metrics) {
		RateLimitRedisTemplate redis = new RateLimitRedisTemplate(rateLimitRedisConnectionFactory,
				properties.onRedisError(), meters);
		RedisRateLimiter limiter = new CountedRedisRateLimiter(redis, tokenBucketScript(), configurationService,
				metrics);
		properties.routes().forEach((routeId, limit) -> limiter.getConfig().put(routeId, configOf(limit)));
		limiter.getConfig().put(RouteDefinitionRouteLocator.DEFAULT_FILTERS, configOf(properties.defaults()));
		return limiter;
	}

	/**
	 * The Lua script of Spring Cloud Gateway's jar, loaded as its Redis
	 * auto-configuration would (excluded in application.yml: it refers to Boot's Redis
	 * auto-configuration, which is not on the class path).
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> tokenBucketScript() {
		return (RedisScript) RedisScript.of(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua"),
				List.class);
	}

	private static RedisRateLimiter.Config configOf(RateLimitProperties.Limit limit) {
		return new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate())
			.setBurstCapacity(limit.burstCapacity())
			.setRequestedTokens(limit.requestedTokens());
	}

	/** Spring Cloud Gateway's Redis limiter, its decisions counted. */
	static class CountedRedisRateLimiter extends RedisRateLimiter {

		private final RateLimitMetrics metrics;

		CountedRedisRateLimiter(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
				ConfigurationService configurationService, RateLimitMetrics metrics) {
			super(redis, script, configurationService);
			this.metrics = metrics;
		}

		@Override
		public Mono<Response> isAllowed(String routeId, String id) {
			return this.metrics.counted(routeId, super.isAllowed(routeId, id));
		}

	}

	/** Matches when {@code microshop.rate-limit.redis-url} has text. */
	static class RedisConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("microshop.rate-limit.redis-url");
			return StringUtils.hasText(url) ? ConditionOutcome.match("a Redis URL is set for rate limiting")
					: ConditionOutcome.noMatch("no Redis URL is set for rate limiting");
		}

	}

}
