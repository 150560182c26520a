package dev.microshop.gateway.canary;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Tells the load balancer whom a request is pinned for and which version, if any, it
 * asked for (see {@link CanaryRequest}).
 * <p>
 * A signed-in user is pinned by the token's subject.
 * {@value CanaryRequest#VERSION_HEADER} is honoured only for a token with the
 * {@code ADMIN} role: it lets an operator try a version before it gets any traffic
 * (blue/green), and nobody else choose to be a canary's subject or to avoid it. From
 * anyone else the header is ignored, not refused, so a stray header never breaks a
 * request.
 */
@Component
class CanaryRequestFilter implements GlobalFilter, Ordered {

	private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.filter(Authentication.class::isInstance)
			.map((principal) -> canaryRequest(exchange, (Authentication) principal))
			.defaultIfEmpty(CanaryRequest.UNPINNED)
			.flatMap((request) -> {
				exchange.getAttributes().put(CanaryRequest.ATTRIBUTE, request);
				return chain.filter(exchange);
			});
	}

	private static CanaryRequest canaryRequest(ServerWebExchange exchange, Authentication caller) {
		boolean admin = caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
		String requested = admin ? exchange.getRequest().getHeaders().getFirst(CanaryRequest.VERSION_HEADER) : null;
		return new CanaryRequest(caller.getName(), (requested != null && !requested.isBlank()) ? requested : null);
	}

	/**
	 * Just before the load balancer.
	 */
	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
	}

}
