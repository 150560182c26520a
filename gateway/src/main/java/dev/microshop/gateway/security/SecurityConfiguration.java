package dev.microshop.gateway.security;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import reactor.core.publisher.Mono;

/**
 * The gateway is the platform's only resource server: every request is authenticated
 * here, from a bearer token, except the few routes anonymous users need.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthenticationConverter, ProblemWriter problemWriter) {
		ProblemResponses problems = new ProblemResponses(problemWriter);
		return http
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/products/**", "/.well-known/jwks.json")
				.permitAll()
				.pathMatchers("/api/docs/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
				.permitAll()
				.pathMatchers("/actuator/health/**", "/actuator/info")
				.permitAll()
				// Metrics, breakers, and the canary weights that decide where every
				// user's
				// requests go: administrators only, to read too.
				.pathMatchers("/actuator/**")
				.hasRole("ADMIN")
				// No route leads there: everybody gets the same 404, whether signed in or
				// not.
				.pathMatchers("/internal/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthenticationConverter))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// A stateless API authenticated by bearer tokens: no cookies, so no CSRF and
			// no session.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.build();
	}

}
