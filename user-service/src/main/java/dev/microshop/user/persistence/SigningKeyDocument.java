package dev.microshop.user.persistence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;

import dev.microshop.user.domain.SigningKey;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A signing key as stored: the private key in PKCS#8 and the public key in X.509
 * encoding, the standard forms any tool reads.
 * <p>
 * The active key always has the id {@value #ACTIVE_ID}, so that replicas racing to create
 * the first key collide on the primary key and exactly one wins. A key retired by a
 * rotation is stored under its kid.
 */
@Document("signing_keys")
record SigningKeyDocument(@Id String id, String kid, byte[] privateKey, byte[] publicKey, Instant createdAt,
		boolean active) {

	static final String ACTIVE_ID = "active";

	static SigningKeyDocument from(SigningKey key) {
		return new SigningKeyDocument(key.active() ? ACTIVE_ID : key.kid(), key.kid(), key.privateKey().getEncoded(),
				key.publicKey().getEncoded(), key.createdAt(), key.active());
	}

	SigningKey toSigningKey() {
		try {
			KeyFactory keys = KeyFactory.getInstance("EC");
			return new SigningKey(this.kid,
					(ECPrivateKey) keys.generatePrivate(new PKCS8EncodedKeySpec(this.privateKey)),
					(ECPublicKey) keys.generatePublic(new X509EncodedKeySpec(this.publicKey)), this.createdAt,
					this.active);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Signing key " + this.kid + " is not a readable EC key", ex);
		}
	}

	@Override
	public String toString() {
		return "SigningKeyDocument[id=" + this.id + ", kid=" + this.kid + ", active=" + this.active + "]";
	}

}
