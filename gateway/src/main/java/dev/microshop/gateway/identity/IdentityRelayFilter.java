package dev.microshop.gateway.identity;

import java.util.List;

import dev.microshop.common.web.IdentityHeaders;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling: on every route, removes any client-sent
 * {@code X-User-*} header and, for a verified token, sets {@link IdentityHeaders#USER_ID}
 * (the token's {@code sub}) and {@link IdentityHeaders#USER_ROLES} (its {@code roles},
 * comma separated).
 * <p>
 * Hand-written because no Spring Cloud Gateway filter removes headers by prefix, and a
 * fixed list of names would let a new {@code X-User-*} header through.
 * <p>
 * The client's {@code Authorization} header is forwarded unchanged: the services trust
 * only the identity headers, so it grants them nothing, and keeping it lets a service
 * verify the token itself or pass it on when it calls another service for the user.
 */
@Component
class IdentityRelayFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> ((JwtAuthenticationToken) principal).getToken())
			.map((jwt) -> relay(exchange, jwt))
			.switchIfEmpty(Mono.fromSupplier(() -> relay(exchange, null)))
			.flatMap(chain::filter);
	}

	private static ServerWebExchange relay(ServerWebExchange exchange, Jwt jwt) {
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			removeClientIdentity(headers);
			if (jwt != null) {
				CallerIdentity.relay(jwt, headers);
			}
		})).build();
	}

	private static void removeClientIdentity(HttpHeaders headers) {
		String prefix = IdentityHeaders.PREFIX;
		List.copyOf(headers.headerNames())
			.stream()
			.filter((name) -> name.regionMatches(true, 0, prefix, 0, prefix.length()))
			.forEach(headers::remove);
	}

	/**
	 * Runs before the load balancer and the routing filters, which send the request on.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
