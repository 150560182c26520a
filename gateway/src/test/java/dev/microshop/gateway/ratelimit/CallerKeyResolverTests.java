package dev.microshop.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.microshop.gateway.ratelimit.RateLimitProperties.Key;
import dev.microshop.gateway.ratelimit.RateLimitProperties.Limit;
import dev.microshop.gateway.ratelimit.RateLimitProperties.OnRedisError;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class CallerKeyResolverTests {

	private static final InetSocketAddress proxy = new InetSocketAddress("10.0.0.5", 40000);

	@Test
	void aSignedInUserHasOneBucketWhereverTheRequestComesFrom() {
		CallerKeyResolver resolver = resolver(0);

		assertThat(resolver.resolve(signedIn(request("/api/orders", proxy, null), "user-1")).block())
			.isEqualTo("user:user-1");
		assertThat(
				resolver.resolve(signedIn(request("/api/orders", new InetSocketAddress("10.0.0.6", 1), null), "user-1"))
					.block())
			.isEqualTo("user:user-1");
	}

	@Test
	void anAnonymousCallerIsKnownByTheConnectionsAddressAndForwardedForIsIgnoredByDefault() {
		CallerKeyResolver resolver = resolver(0);

		assertThat(resolver.resolve(request("/api/products", proxy, "198.51.100.7")).block())
			.isEqualTo("address:10.0.0.5");
	}

	@Test
	void behindATrustedProxyTheAddressItAppendedCountsNotWhatTheClientWroteBeforeIt() {
		CallerKeyResolver resolver = resolver(1);

		assertThat(resolver.resolve(request("/api/products", proxy, "203.0.113.9")).block())
			.isEqualTo("address:203.0.113.9");
		assertThat(resolver.resolve(request("/api/products", proxy, "198.51.100.7, 203.0.113.9")).block())
			.isEqualTo("address:203.0.113.9");
		// No header: the request did not come through the proxy.
		assertThat(resolver.resolve(request("/api/products", proxy, null)).block()).isEqualTo("address:10.0.0.5");
	}

	@Test
	void aRouteLimitedPerClientAddressIgnoresTheToken() {
		CallerKeyResolver resolver = resolver(0);

		assertThat(resolver.resolve(signedIn(request("/api/auth/login", proxy, null), "user-1")).block())
			.isEqualTo("address:10.0.0.5");
	}

	private static CallerKeyResolver resolver(int trustedProxies) {
		Limit perAddress = new Limit(1, 5, 1, Key.CLIENT_ADDRESS);
		Limit perCaller = new Limit(50, 100, 1, Key.CALLER);
		return new CallerKeyResolver(new RateLimitProperties(null, Duration.ofMillis(500), OnRedisError.ALLOW,
				trustedProxies, 1000, perCaller, Map.of("user-auth", perAddress)));
	}

	private static ServerWebExchange request(String path, InetSocketAddress from, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path).remoteAddress(from);
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		String routeId = path.startsWith("/api/auth/") ? "user-auth" : "order-service";
		exchange.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
					Route.async().id(routeId).uri("lb://service").predicate((any) -> true).build());
		return exchange;
	}

	private static ServerWebExchange signedIn(ServerWebExchange exchange, String userId) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(userId)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		return exchange.mutate().principal(Mono.just(new JwtAuthenticationToken(jwt))).build();
	}

}
