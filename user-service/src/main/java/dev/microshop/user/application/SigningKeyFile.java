package dev.microshop.user.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.crypto.KeyAgreement;

import com.nimbusds.jose.jwk.Curve;

/**
 * Reads the signing key from a PEM file, as mounted from a secret:
 * {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem}.
 */
final class SigningKeyFile {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private SigningKeyFile() {
	}

	/**
	 * Reads the P-256 private key in {@code file} and derives its public key.
	 */
	static KeyPair read(Path file) {
		String pem = readString(file);
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(file + " holds no PKCS#8 PEM private key (" + BEGIN
					+ "); convert a SEC1 key with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
		try {
			ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(der));
			if (!Curve.P_256.equals(Curve.forECParameterSpec(privateKey.getParams()))) {
				throw new IllegalStateException(file + " holds an EC key that is not on P-256, which ES256 needs");
			}
			return new KeyPair(publicKeyOf(privateKey), privateKey);
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException(file + " holds no readable EC private key", ex);
		}
	}

	/**
	 * Computes the public key {@code d·G} of a private key.
	 * <p>
	 * The JDK has no public API for curve arithmetic, and Bouncy Castle would be a large
	 * dependency for one multiplication. An ECDH agreement of the private key with the
	 * generator point yields the x coordinate of {@code d·G} through the JDK's own
	 * (constant-time) code; y follows from the curve equation up to its sign, and the
	 * candidate that verifies a signature of the private key is the public key.
	 */
	static ECPublicKey publicKeyOf(ECPrivateKey privateKey) throws GeneralSecurityException {
		ECParameterSpec params = privateKey.getParams();
		KeyFactory keys = KeyFactory.getInstance("EC");
		PublicKey generator = keys.generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(privateKey);
		agreement.doPhase(generator, true);
		BigInteger x = new BigInteger(1, agreement.generateSecret());

		EllipticCurve curve = params.getCurve();
		BigInteger p = ((ECFieldFp) curve.getField()).getP();
		BigInteger ySquared = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
		// A square root modulo p is a power when p ≡ 3 (mod 4), as for P-256.
		BigInteger y = ySquared.modPow(p.add(BigInteger.ONE).shiftRight(2), p);

		byte[] probe = "microshop signing key check".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(privateKey);
		signer.update(probe);
		byte[] signature = signer.sign();
		for (BigInteger candidateY : List.of(y, p.subtract(y))) {
			ECPublicKey candidate = (ECPublicKey) keys
				.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidateY), params));
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(candidate);
			verifier.update(probe);
			if (verifier.verify(signature)) {
				return candidate;
			}
		}
		throw new IllegalStateException("Could not derive the public key of the signing key");
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the signing key file " + file, ex);
		}
	}

}
