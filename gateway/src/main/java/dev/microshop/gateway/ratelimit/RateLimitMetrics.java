package dev.microshop.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;

import reactor.core.publisher.Mono;

/**
 * Counts the rate limiter's decisions in {@value #METRIC}, tagged with the route and
 * {@code outcome} {@code allowed} or {@code rejected} (a spent bucket, or Redis down with
 * {@code on-redis-error: deny}), whichever limiter decides.
 */
class RateLimitMetrics {

	static final String METRIC = "gateway.ratelimit.requests";

	private final MeterRegistry meters;

	RateLimitMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	Mono<RateLimiter.Response> counted(String routeId, Mono<RateLimiter.Response> decision) {
		return decision.doOnNext((response) -> Counter.builder(METRIC)
			.description("Requests the rate limiter let through or refused")
			.tag("route", routeId)
			.tag("outcome", response.isAllowed() ? "allowed" : "rejected")
			.register(this.meters)
			.increment());
	}

}
