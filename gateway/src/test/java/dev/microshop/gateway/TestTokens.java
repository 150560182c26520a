package dev.microshop.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens as user-service issues them (ES256, {@code kid} = RFC 7638 thumbprint),
 * and the ways an attacker or a broken client gets them wrong.
 */
public final class TestTokens {

	private static final ECKey signingKey = generateKey();

	private TestTokens() {
	}

	/** The key whose public half the stub user-service publishes. */
	static ECKey signingKey() {
		return signingKey;
	}

	/** A valid token for the given user, with any claim changed by {@code changes}. */
	static String token(String userId, List<String> roles, Consumer<JWTClaimsSet.Builder> changes) {
		return sign(signingKey, claims(userId, roles, changes));
	}

	static String token(String userId, List<String> roles) {
		return token(userId, roles, (claims) -> {
		});
	}

	/**
	 * A token signed with a key of the same {@code kid} that user-service never
	 * published.
	 */
	static String signedByAnotherKey(String userId) {
		ECKey impostor = generateKey(signingKey.getKeyID());
		return sign(impostor, claims(userId, List.of("USER"), (claims) -> {
		}));
	}

	/**
	 * A token signed with a key user-service never published, under that key's own
	 * {@code kid}.
	 */
	static String signedByUnknownKey(String userId) {
		return sign(generateKey(), claims(userId, List.of("USER"), (claims) -> {
		}));
	}

	/**
	 * A valid token whose payload was swapped for other claims (another user, more
	 * roles), its signature kept.
	 */
	static String tampered(String userId) {
		String[] valid = token(userId, List.of("USER")).split("\\.");
		String forged = Base64URL.encode(claims("someone-else", List.of("USER", "ADMIN"), (claims) -> {
		}).toString()).toString();
		return valid[0] + "." + forged + "." + valid[2];
	}

	/** A new signing key, its {@code kid} its thumbprint, as user-service makes them. */
	public static ECKey newKey() {
		return generateKey();
	}

	/** A new signing key with the given {@code kid}, as an impostor would name it. */
	public static ECKey newKey(String keyId) {
		return generateKey(keyId);
	}

	/** A valid token for the given user, signed with the given key. */
	static String signedBy(ECKey key, String userId) {
		return sign(key, claims(userId, List.of("USER"), (claims) -> {
		}));
	}

	/** An unsigned token ({@code alg: none}). */
	static String unsigned(String userId) {
		return new PlainJWT(claims(userId, List.of("USER"), (claims) -> {
		})).serialize();
	}

	/** A token signed HS256 with a shared secret, as in an algorithm confusion attack. */
	static String signedWithHmac(String userId) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID())
				.type(JOSEObjectType.JWT)
				.build(), claims(userId, List.of("USER"), (claims) -> {
				}));
			jwt.sign(new MACSigner(signingKey.toPublicJWK().toJSONString().getBytes()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet claims(String userId, List<String> roles, Consumer<JWTClaimsSet.Builder> changes) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("microshop")
			.audience("microshop-api")
			.subject(userId)
			.claim("roles", roles)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.jwtID(UUID.randomUUID().toString());
		changes.accept(claims);
		return claims.build();
	}

	/** The claims signed with the given key, as user-service signs them. */
	public static String sign(ECKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey generateKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey generateKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
