package dev.microshop.gateway.resilience;

import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Answers what fault isolation decided about a request: an open circuit or a full
 * bulkhead is answered 503, a call over its time limit 504, as problem details and
 * without waiting on the service; a 5xx the circuit breaker counted as a failure reaches
 * the client as the service sent it.
 * <p>
 * A filter rather than an exception handler: {@link NettyWriteResponseFilter} copies the
 * service's body only when the rest of the chain completes, so the breaker's error for a
 * counted 5xx must end here, inside it. Other errors (no instance: 503) go on to
 * {@code ProblemExceptionHandler}.
 */
@Component
class FaultResponseFilter implements GlobalFilter, Ordered {

	private final ProblemWriter problems;

	private final CircuitBreakerRegistry breakers;

	FaultResponseFilter(ProblemWriter problems, CircuitBreakerRegistry breakers) {
		this.problems = problems;
		this.breakers = breakers;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorResume((ex) -> answer(exchange, ex));
	}

	private Mono<Void> answer(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof CircuitBreakerStatusCodeException) {
			return Mono.empty();
		}
		String service = serviceName(exchange);
		if (ex instanceof ServiceUnavailableException) {
			// What the CircuitBreaker filter makes of a call its open circuit did not let
			// through.
			return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE,
					service + " is failing, so the gateway is not calling it for a few seconds. Try again later.",
					openFor(exchange));
		}
		if (ex instanceof BulkheadFullException) {
			return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE,
					"Too many requests to " + service + " are in progress. Try again shortly.", Duration.ofSeconds(1));
		}
		if (ex instanceof ResponseStatusException status && status.getStatusCode() == HttpStatus.GATEWAY_TIMEOUT) {
			return problem(exchange, HttpStatus.GATEWAY_TIMEOUT,
					service + " did not answer within the gateway's time limit.", null);
		}
		return Mono.error(ex);
	}

	/**
	 * Answers the problem, with {@code Retry-After} (whole seconds, rounded up) when the
	 * gateway knows when trying again makes sense.
	 */
	private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail,
			@Nullable Duration retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
		}
		return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(status, detail), headers);
	}

	/** How long the route's breaker stays open before it lets trial calls through. */
	private Duration openFor(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		CircuitBreakerConfig config = Optional.ofNullable(route)
			.flatMap((open) -> this.breakers.find(open.getId()))
			.map(CircuitBreaker::getCircuitBreakerConfig)
			.orElseGet(this.breakers::getDefaultConfig);
		return Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
	}

	private static String serviceName(ServerWebExchange exchange) {
		String serviceId = ServiceBulkheadFilter.serviceId(exchange);
		if (serviceId != null) {
			return serviceId;
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "The service";
	}

	/**
	 * Just inside {@link NettyWriteResponseFilter}, outside every route filter.
	 */
	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
	}

}
