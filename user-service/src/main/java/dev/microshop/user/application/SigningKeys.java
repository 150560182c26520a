package dev.microshop.user.application;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.user.domain.SigningKey;
import dev.microshop.user.domain.SigningKeyRepository;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The keys tokens are signed with (one active) and verified with (all of them, published
 * as the JWKS).
 * <p>
 * The key comes from {@code microshop.jwt.signing-key-file} when set. Otherwise it is
 * kept in the database, shared by every replica: the first replica to start generates it,
 * and replicas starting at the same moment agree on one key through the store.
 */
@Service
public class SigningKeys implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	private final JwtProperties properties;

	private final SigningKeyRepository repository;

	private volatile Snapshot snapshot;

	private volatile boolean running;

	public SigningKeys(JwtProperties properties, SigningKeyRepository repository) {
		this.properties = properties;
		this.repository = repository;
	}

	/**
	 * Loads the keys when the application starts, before the web server (a later phase)
	 * takes requests: no request ever finds the service without a key, and a missing
	 * database fails the start instead of the first login. Not while the context is
	 * refreshed, so that the image build's AOT-training run, which stops there, needs no
	 * database.
	 */
	@Override
	public void start() {
		reload();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return 0;
	}

	/**
	 * Returns the key that signs new tokens, private part included.
	 */
	public ECKey activeKey() {
		return snapshot().active();
	}

	/**
	 * Returns the public keys that verify this service's tokens, as served in the JWKS.
	 */
	public JWKSet publicKeys() {
		return snapshot().published();
	}

	private Snapshot snapshot() {
		if (this.snapshot == null) {
			reload();
		}
		return this.snapshot;
	}

	/**
	 * Reads the keys again from where they are kept, so that a key rotated in by another
	 * replica is picked up.
	 */
	public void reload() {
		this.snapshot = this.properties.hasSigningKeyFile() ? fromFile(Path.of(this.properties.signingKeyFile()))
				: fromRepository();
		logger.info("Signing tokens with key {}", this.snapshot.active().getKeyID());
	}

	private static Snapshot fromFile(Path file) {
		KeyPair pair = SigningKeyFile.read(file);
		ECKey key = jwk((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate(), null);
		return new Snapshot(key, new JWKSet(key.toPublicJWK()));
	}

	private Snapshot fromRepository() {
		SigningKey active = this.repository.findActive().orElseGet(() -> this.repository.activateIfNone(generate()));
		List<JWK> published = this.repository.findAll()
			.stream()
			.map((key) -> (JWK) jwk(key.publicKey(), key.privateKey(), key.kid()).toPublicJWK())
			.toList();
		return new Snapshot(jwk(active.publicKey(), active.privateKey(), active.kid()), new JWKSet(published));
	}

	/**
	 * Generates a new active P-256 key whose kid is its RFC 7638 thumbprint.
	 */
	static SigningKey generate() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
			return new SigningKey(key.getKeyID(), key.toECPrivateKey(), key.toECPublicKey(), Instant.now(), true);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a signing key", ex);
		}
	}

	private static ECKey jwk(ECPublicKey publicKey, ECPrivateKey privateKey, String kid) {
		ECKey.Builder builder = new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.ES256);
		try {
			return ((kid != null) ? builder.keyID(kid) : builder.keyIDFromThumbprint()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute the key's thumbprint", ex);
		}
	}

	private record Snapshot(ECKey active, JWKSet published) {

	}

}
