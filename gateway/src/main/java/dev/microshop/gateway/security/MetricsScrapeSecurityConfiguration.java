package dev.microshop.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Lets Prometheus scrape the gateway: {@code GET /actuator/prometheus}, and nothing else,
 * also accepts HTTP basic user {@value #USER} with the password
 * {@code microshop.metrics.password} ({@code METRICS_PASSWORD} or
 * {@code METRICS_PASSWORD_FILE}), since a scraper cannot get a token. An ADMIN token
 * keeps working there. Without a password, this chain does not exist: no basic credential
 * is accepted anywhere ({@link SecurityConfiguration} disables basic).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MetricsScrapeSecurityConfiguration.PasswordSet.class)
class MetricsScrapeSecurityConfiguration {

	static final String USER = "prometheus";

	private static final String PASSWORD = "microshop.metrics.password";

	private static final String ROLE = "METRICS";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain metricsScrapeFilterChain(ServerHttpSecurity http, Environment environment,
			ReactiveJwtDecoder jwtDecoder, Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthenticationConverter,
			ProblemWriter problemWriter) {
		ProblemResponses problems = new ProblemResponses(problemWriter);
		ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> (ex instanceof BadCredentialsException)
				? badCredentials(problemWriter, exchange) : problems.commence(exchange, ex);
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/actuator/prometheus"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().hasAnyRole("ADMIN", ROLE))
			.httpBasic((basic) -> basic
				.authenticationManager(new ScrapeCredential(environment.getRequiredProperty(PASSWORD)))
				.authenticationEntryPoint(entryPoint))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthenticationConverter))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.build();
	}

	private static Mono<Void> badCredentials(ProblemWriter problems, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metrics\"");
		return problems.write(exchange,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "The metrics credentials are not valid."),
				headers);
	}

	/**
	 * The one scrape user. Hand-written rather than a user details service with a
	 * password encoder: the password is compared in constant time without a deliberately
	 * slow hash on every scrape, and no user details service bean is added for Boot's
	 * security auto-configuration to pick up.
	 */
	static final class ScrapeCredential implements ReactiveAuthenticationManager {

		private final byte[] password;

		ScrapeCredential(String password) {
			this.password = sha256(password);
		}

		@Override
		public Mono<Authentication> authenticate(Authentication authentication) {
			String presented = (authentication.getCredentials() != null) ? authentication.getCredentials().toString()
					: "";
			// Both compared, always, in time independent of where they differ.
			boolean user = MessageDigest.isEqual(sha256(USER), sha256(authentication.getName()));
			boolean password = MessageDigest.isEqual(this.password, sha256(presented));
			if (!(user && password)) {
				return Mono.error(new BadCredentialsException("The metrics credentials are not valid"));
			}
			return Mono.just(UsernamePasswordAuthenticationToken.authenticated(USER, null,
					AuthorityUtils.createAuthorityList(List.of("ROLE_" + ROLE))));
		}

		private static byte[] sha256(String text) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Matches when {@code microshop.metrics.password} has text. */
	static class PasswordSet extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(PASSWORD))
					? ConditionOutcome.match("a metrics password is set")
					: ConditionOutcome.noMatch("no metrics password is set");
		}

	}

}
