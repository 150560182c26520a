package dev.microshop.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limiting with Spring Cloud Gateway's {@code RequestRateLimiter} filter, a default
 * filter of every route (application.yml): the {@link KeyResolver} and the
 * {@link RateLimiter} here are the filter's defaults.
 * <p>
 * The buckets live in this gateway's memory unless {@code REDIS_URL} is set
 * ({@link RedisRateLimitConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	KeyResolver callerKeyResolver(RateLimitProperties properties) {
		return new CallerKeyResolver(properties);
	}

	@Bean
	RateLimitMetrics rateLimitMetrics(MeterRegistry meters) {
		return new RateLimitMetrics(meters);
	}

	@Bean
	@Conditional(RedisNotConfigured.class)
	InMemoryRateLimiter inMemoryRateLimiter(RateLimitProperties properties, ConfigurationService configurationService,
			RateLimitMetrics metrics) {
		return new InMemoryRateLimiter(properties, configurationService, metrics);
	}

	static class RedisNotConfigured extends NoneNestedConditions {

		RedisNotConfigured() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(RedisRateLimitConfiguration.RedisConfigured.class)
		static class Redis {

		}

	}

}
