package dev.microshop.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;

import dev.microshop.gateway.identity.CallerIdentity;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * Verifies the ES256 access tokens of user-service against the keys it publishes.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	/**
	 * A request waiting for the key set waits at most this long; the keys already known
	 * are kept when it runs out.
	 */
	private static final Duration JWK_SET_FETCH_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The key set is fetched through discovery, like every other call to user-service.
	 * <p>
	 * A plain builder rather than Boot's observed one: Boot's would record the key set
	 * calls as {@code http.client.requests}, the name the gateway's route observations
	 * use with other tags, and Prometheus would then refuse the routes' meters.
	 */
	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	/**
	 * Verifies ES256 only, against the keys of {@link JwkSetCache}, which picks up a
	 * rotated key set without a restart; each token once while it is valid
	 * ({@link CachingJwtDecoder}).
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtProperties properties, @LoadBalanced WebClient.Builder webClient) {
		WebClient client = webClient.build();
		JwkSetCache keys = new JwkSetCache(
				() -> client.get()
					.uri(properties.jwkSetUri())
					.retrieve()
					.bodyToMono(String.class)
					.timeout(JWK_SET_FETCH_TIMEOUT)
					.map(JwtConfiguration::parseKeySet),
				properties.jwkSetCacheTtl(), properties.jwkSetRefreshMinInterval(), Clock.systemUTC());
		return new CachingJwtDecoder(verifier(properties, keys, Clock.systemUTC()), keys,
				properties.verifiedTokenCacheSize(), Clock.systemUTC());
	}

	/**
	 * Checks a token's signature against the keys and its claims against the properties.
	 */
	static ReactiveJwtDecoder verifier(JwtProperties properties, JwkSetCache keys, Clock clock) {
		NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		verifier.setJwtValidator(validator(properties, clock));
		// The issuer is a name (microshop), not a URL: the default conversion would try
		// to
		// make it one and throw and catch an exception for every token it verifies.
		verifier.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null)));
		return verifier;
	}

	private static JWKSet parseKeySet(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The JWK set is not valid: " + ex.getMessage(), ex);
		}
	}

	private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setClock(clock);
		// The services key everything by the caller's id: a token without one is useless.
		JwtClaimValidator<String> subject = new JwtClaimValidator<>(JwtClaimNames.SUB, StringUtils::hasText);
		// A plain JWT or an RFC 9068 access token; other kinds of JWT are not access
		// tokens.
		JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
		type.setAllowEmpty(true);
		return new DelegatingOAuth2TokenValidator<>(List.of(type, timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()), subject));
	}

	/**
	 * Maps the {@code roles} claim to {@code ROLE_*} authorities, so route rules can use
	 * {@code hasRole}.
	 */
	@Bean
	Converter<Jwt, Mono<AbstractAuthenticationToken>> jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(CallerIdentity.ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}

}
