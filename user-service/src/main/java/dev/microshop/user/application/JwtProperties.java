package dev.microshop.user.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How access tokens are issued: the values the gateway checks them against, and where the
 * signing key comes from.
 *
 * @param issuer the {@code iss} claim
 * @param audience the {@code aud} claim
 * @param ttl how long a token is valid
 * @param signingKeyFile a PEM file holding a PKCS#8 EC (P-256) private key to sign with;
 * when not set, keys are generated and kept in the service's database
 */
@ConfigurationProperties("microshop.jwt")
public record JwtProperties(@DefaultValue("microshop") String issuer, @DefaultValue("microshop-api") String audience,
		@DefaultValue("15m") Duration ttl, String signingKeyFile) {

	public JwtProperties {
		if (!StringUtils.hasText(issuer) || !StringUtils.hasText(audience)) {
			throw new IllegalArgumentException("microshop.jwt.issuer and microshop.jwt.audience must not be blank");
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("microshop.jwt.ttl must be positive, not " + ttl);
		}
	}

	boolean hasSigningKeyFile() {
		return StringUtils.hasText(this.signingKeyFile);
	}

}
