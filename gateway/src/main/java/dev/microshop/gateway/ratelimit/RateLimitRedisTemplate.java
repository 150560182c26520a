package dev.microshop.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.microshop.gateway.ratelimit.RateLimitProperties.OnRedisError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Flux;

/**
 * The rate limiter's calls to Redis, and what a failed call means: with
 * {@link OnRedisError#ALLOW} the request goes through, with {@link OnRedisError#DENY} it
 * is refused. Either way the failure is counted in {@value #ERRORS_METRIC} and the first
 * one after a success is logged as a warning (and the recovery at info), so an outage
 * gives two log lines however many requests come meanwhile.
 * <p>
 * The decision is taken here, on the script call, because {@link RedisRateLimiter}
 * swallows every failure itself: it lets the request through, logs an error with its
 * stack trace each time, and counts nothing. The answer given for a failure is the one
 * the limiter's script would give, {@code [allowed, tokens left]}, with {@code -1} tokens
 * left, which no real answer has, so that the refusal can be told from a spent bucket
 * ({@link RateLimitProblems}).
 */
class RateLimitRedisTemplate extends ReactiveStringRedisTemplate {

	static final String ERRORS_METRIC = "gateway.ratelimit.backend.errors";

	private static final Log logger = LogFactory.getLog(RateLimitRedisTemplate.class);

	private final OnRedisError onError;

	private final Counter errors;

	private final AtomicBoolean failing = new AtomicBoolean();

	RateLimitRedisTemplate(ReactiveRedisConnectionFactory connections, OnRedisError onError, MeterRegistry meters) {
		super(connections);
		this.onError = onError;
		this.errors = Counter.builder(ERRORS_METRIC)
			.description("Rate limit checks that Redis could not answer")
			.tag("backend", "redis")
			.tag("outcome", (onError == OnRedisError.ALLOW) ? "allowed" : "denied")
			.register(meters);
	}

	/**
	 * Runs the rate limiter's script; the only script this template runs, whose result is
	 * a list of longs.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
		return Flux.defer(() -> super.execute(script, keys, args)).doOnComplete(this::succeeded).onErrorResume((ex) -> {
			failed(ex);
			long allowed = (this.onError == OnRedisError.ALLOW) ? 1L : 0L;
			return Flux.just((T) List.of(allowed, -1L));
		});
	}

	private void succeeded() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Redis answers the rate limiter again");
		}
	}

	private void failed(Throwable ex) {
		this.errors.increment();
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Redis does not answer the rate limiter (" + NestedExceptionUtils.getMostSpecificCause(ex)
					+ "); requests are " + ((this.onError == OnRedisError.ALLOW) ? "let through" : "refused")
					+ " until it does");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Redis does not answer the rate limiter", ex);
		}
	}

}
