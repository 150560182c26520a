package dev.microshop.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway verifies the access tokens that user-service issues.
 *
 * @param issuer the required {@code iss} claim
 * @param audience the required member of the {@code aud} claim
 * @param jwkSetUri where the signing keys are published; its host is a discovery service
 * id, resolved by the load balancer
 * @param clockSkew how far {@code exp} and {@code nbf} may be off between the machines
 */
@ConfigurationProperties("microshop.jwt")
record JwtProperties(@DefaultValue("microshop") String issuer, @DefaultValue("microshop-api") String audience,
		@DefaultValue("http://user-service/.well-known/jwks.json") URI jwkSetUri,
		@DefaultValue("30s") Duration clockSkew) {

}
