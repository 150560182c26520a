package dev.microshop.user.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;

import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Issues the access tokens the gateway verifies: ES256, {@code kid} header, and the
 * platform's claims ({@code iss}, {@code aud}, {@code sub}, {@code roles}, {@code iat},
 * {@code nbf}, {@code exp}, {@code jti}).
 */
@Service
public class TokenIssuer {

	private final JwtProperties properties;

	private final JwtEncoder encoder;

	TokenIssuer(JwtProperties properties, SigningKeys keys) {
		this.properties = properties;
		// Asked for the key on every token, so a rotated key is used as soon as it is
		// loaded;
		// the encoder writes the chosen key's id into the header.
		this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.activeKey())));
	}

	public AccessToken issue(User user) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.audience(List.of(this.properties.audience()))
			.subject(user.id())
			.claim("roles", user.roles().stream().map(Role::name).toList())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(this.properties.ttl()))
			.id(UUID.randomUUID().toString())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new AccessToken(token, this.properties.ttl());
	}

}
