package dev.microshop.user.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyFileTests {

	@TempDir
	Path directory;

	@Test
	void readsAPkcs8KeyAndDerivesItsPublicKey() throws Exception {
		for (int i = 0; i < 5; i++) {
			KeyPair pair = generate("secp256r1");
			Path file = writePem(pair, "key-" + i + ".pem");

			KeyPair read = SigningKeyFile.read(file);

			assertThat(read.getPublic()).isEqualTo(pair.getPublic());
			assertThat(read.getPrivate()).isEqualTo(pair.getPrivate());
		}
	}

	@Test
	void aKeyFromAFileIsTheOneTokensAreSignedWithAndPublished() throws Exception {
		KeyPair pair = generate("secp256r1");
		Path file = writePem(pair, "key.pem");
		String expectedKid = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build()
			.computeThumbprint()
			.toString();

		SigningKeys keys = new SigningKeys(
				new JwtProperties("microshop", "microshop-api", Duration.ofMinutes(15), file.toString()),
				new InMemorySigningKeyRepository());

		assertThat(keys.activeKey().getKeyID()).isEqualTo(expectedKid);
		assertThat(keys.publicKeys().getKeys()).singleElement()
			.satisfies((key) -> assertThat(key.getKeyID()).isEqualTo(expectedKid));
	}

	@Test
	void refusesAKeyOnAnotherCurve() throws Exception {
		Path file = writePem(generate("secp384r1"), "p384.pem");
		assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.read(file)).withMessageContaining("P-256");
	}

	@Test
	void explainsHowToConvertASec1Key() throws Exception {
		Path file = this.directory.resolve("sec1.pem");
		Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
		assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.read(file))
			.withMessageContaining("openssl pkcs8 -topk8");
	}

	private static KeyPair generate(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

	private Path writePem(KeyPair pair, String name) throws Exception {
		String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
		return Files.writeString(this.directory.resolve(name),
				"-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
	}

}
