package dev.microshop.gateway.ratelimit;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Answers a request the rate limiter refused as a problem: 429 with {@code Retry-After}
 * when the caller's bucket is spent, 503 when the limit could not be checked (Redis down
 * and {@code on-redis-error: deny}). The {@code X-RateLimit-*} headers stay on both.
 * <p>
 * Spring Cloud Gateway's {@code RequestRateLimiter} answers an empty 429 unless told to
 * throw ({@code throw-on-limit}); it then raises the 429 as an
 * {@link HttpClientErrorException} carrying the rate limit headers, handled here.
 */
@Component
class RateLimitProblems implements WebExceptionHandler, Ordered {

	private final ProblemWriter problems;

	RateLimitProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof HttpClientErrorException refused)
				|| refused.getStatusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()
				|| exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		HttpHeaders headers = new HttpHeaders();
		if (refused.getResponseHeaders() != null) {
			headers.addAll(refused.getResponseHeaders());
		}
		double remaining = header(headers, RedisRateLimiter.REMAINING_HEADER, 0);
		if (remaining < 0) {
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The rate limit cannot be checked at the moment; try again shortly."), headers);
		}
		long seconds = retryAfterSeconds(remaining, header(headers, RedisRateLimiter.REQUESTED_TOKENS_HEADER, 1),
				header(headers, RedisRateLimiter.REPLENISH_RATE_HEADER, 1));
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; try again in " + seconds + " s."), headers);
	}

	/**
	 * The whole seconds until the bucket holds the tokens one request takes, at least
	 * one.
	 */
	static long retryAfterSeconds(double remaining, double requested, double replenishRate) {
		double seconds = (replenishRate > 0) ? (requested - remaining) / replenishRate : 1;
		return Math.max(1, (long) Math.ceil(seconds));
	}

	private static double header(HttpHeaders headers, String name, double fallback) {
		try {
			String value = headers.getFirst(name);
			return (value != null) ? Double.parseDouble(value.trim()) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * Before {@code ProblemExceptionHandler} ({@code -2}) and Boot's handler
	 * ({@code -1}).
	 */
	@Override
	public int getOrder() {
		return -3;
	}

}
