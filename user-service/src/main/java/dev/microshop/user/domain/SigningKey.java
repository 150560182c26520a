package dev.microshop.user.domain;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A P-256 key pair that signs access tokens (ES256). Its public half is published in the
 * JWKS under {@code kid} so that the gateway can verify the tokens.
 *
 * @param kid the key id, the RFC 7638 thumbprint of the public key
 * @param privateKey the private key, which never leaves this service
 * @param publicKey the public key
 * @param createdAt when the key was made
 * @param active whether new tokens are signed with this key; the others only verify
 * tokens signed before a rotation
 */
public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, Instant createdAt,
		boolean active) {

	public SigningKey {
		Objects.requireNonNull(kid, "kid");
		Objects.requireNonNull(privateKey, "privateKey");
		Objects.requireNonNull(publicKey, "publicKey");
	}

	@Override
	public String toString() {
		return "SigningKey[kid=" + this.kid + ", createdAt=" + this.createdAt + ", active=" + this.active + "]";
	}

}
