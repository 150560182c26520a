package dev.microshop.gateway.resilience;

import java.net.URI;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Limits the calls in flight to each downstream service, whichever route they come by:
 * one over the limit is refused at once (answered 503 by {@link FaultResponseFilter})
 * instead of queueing behind a service that is already busy. The limit is Resilience4j's
 * bulkhead of the service id ({@code resilience4j.bulkhead.instances.<service id>}, else
 * the default config).
 * <p>
 * Hand-written around Resilience4j's bulkhead because Spring Cloud CircuitBreaker's own
 * bulkhead belongs to the breaker, that is to one route, and several routes lead to one
 * service. It runs for each attempt, just before the load balancer picks an instance, and
 * holds its permit until the response's headers arrive (a long stream keeps none).
 */
@Component
class ServiceBulkheadFilter implements GlobalFilter, Ordered {

	private final BulkheadRegistry bulkheads;

	ServiceBulkheadFilter(BulkheadRegistry bulkheads) {
		this.bulkheads = bulkheads;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String serviceId = serviceId(exchange);
		if (serviceId == null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).transformDeferred(BulkheadOperator.of(this.bulkheads.bulkhead(serviceId)));
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
	}

	/**
	 * Returns the discovery service id the exchange's route leads to ({@code lb://<id>}),
	 * or {@code null} for a route that does not go through discovery.
	 */
	static @Nullable String serviceId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return null;
		}
		URI uri = route.getUri();
		return "lb".equalsIgnoreCase(uri.getScheme()) ? uri.getHost() : null;
	}

}
