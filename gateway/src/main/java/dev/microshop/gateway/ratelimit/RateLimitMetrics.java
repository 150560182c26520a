package dev.microshop.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	/**
	 * The counters already registered: looked up here rather than registered again on
	 * every request.
	 */
	private final Map<Decision, Counter> counters = new ConcurrentHashMap<>();

	Mono<RateLimiter.Response> counted(String routeId, Mono<RateLimiter.Response> decision) {
		return decision.doOnNext(
				(response) -> this.counters.computeIfAbsent(new Decision(routeId, response.isAllowed()), this::counter)
					.increment());
	}

	private Counter counter(Decision decision) {
		return Counter.builder(METRIC)
			.description("Requests the rate limiter let through or refused")
			.tag("route", decision.routeId())
			.tag("outcome", decision.allowed() ? "allowed" : "rejected")
			.register(this.meters);
	}

	private record Decision(String routeId, boolean allowed) {
	}

}
