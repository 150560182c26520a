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
 * @param jwkSetCacheTtl how long a fetched key set is used before it is fetched again: a
 * key removed from the set verifies tokens for at most that long
 * @param jwkSetRefreshMinInterval the least time between two fetches of the key set when
 * a token names a key the set does not have (a new key is accepted at once; made-up key
 * ids cannot make the gateway hammer user-service)
 * @param verifiedTokenCacheSize the most verified tokens remembered until they expire, so
 * that a caller's next requests skip the signature check (0: every request is verified)
 */
@ConfigurationProperties("microshop.jwt")
record JwtProperties(@DefaultValue("microshop") String issuer, @DefaultValue("microshop-api") String audience,
		@DefaultValue("http://user-service/.well-known/jwks.json") URI jwkSetUri,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("5m") Duration jwkSetCacheTtl,
		@DefaultValue("10s") Duration jwkSetRefreshMinInterval, @DefaultValue("10000") long verifiedTokenCacheSize) {

}
