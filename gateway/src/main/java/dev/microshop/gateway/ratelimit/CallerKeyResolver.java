package dev.microshop.gateway.ratelimit;

import java.net.InetSocketAddress;

import dev.microshop.gateway.ratelimit.RateLimitProperties.Key;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Names the bucket a request takes its tokens from: {@code user:<subject>} for a verified
 * token, {@code address:<client address>} for an anonymous request or a route limited by
 * {@link Key#CLIENT_ADDRESS}.
 * <p>
 * The client address is the connection's remote address unless the gateway is told how
 * many proxies in front of it append to {@code X-Forwarded-For}; then it is the entry the
 * outermost of those proxies wrote, so that a client cannot escape its limit by sending a
 * different header each time.
 */
class CallerKeyResolver implements KeyResolver {

	private final RateLimitProperties properties;

	private final RemoteAddressResolver addresses;

	CallerKeyResolver(RateLimitProperties properties) {
		this.properties = properties;
		this.addresses = (properties.trustedProxies() > 0)
				? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies())
				: new RemoteAddressResolver() {
				};
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		Mono<String> address = Mono.fromSupplier(() -> "address:" + clientAddress(exchange));
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && this.properties.limitOf(route.getId()).key() == Key.CLIENT_ADDRESS) {
			return address;
		}
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> "user:" + principal.getName())
			.switchIfEmpty(address);
	}

	String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress address = this.addresses.resolve(exchange);
		// Every client without an address shares one bucket rather than none.
		return (address != null) ? address.getHostString() : "unknown";
	}

}
