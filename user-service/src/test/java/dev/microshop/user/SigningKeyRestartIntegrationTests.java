package dev.microshop.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.microshop.common.testing.MongoWireServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole service starts against one database, as a restart or a redeployment sees them.
 */
class SigningKeyRestartIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void theSigningKeySurvivesARestart() {
		String database = "restart-" + UUID.randomUUID();

		String kidBefore = publishedKid(database, null);
		String kidAfter = publishedKid(database, null);

		assertThat(kidAfter).isEqualTo(kidBefore);
	}

	@Test
	void aKeyFileIsUsedInsteadOfTheDatabase() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		var pair = generator.generateKeyPair();
		Path file = Files.writeString(this.directory.resolve("signing-key.pem"),
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");
		String database = "key-file-" + UUID.randomUUID();

		String kid = publishedKid(database, file);

		assertThat(kid).isEqualTo(
				new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build().computeThumbprint().toString());
		try (MongoClient client = MongoClients.create(MongoWireServer.uri(database))) {
			assertThat(client.getDatabase(database).getCollection("signing_keys").countDocuments()).isZero();
		}
	}

	private static String publishedKid(String database, Path keyFile) {
		// Command-line arguments, so that they win over application.yml as in a
		// deployment.
		String[] args = { "--server.port=0", "--eureka.client.enabled=false",
				// No broker here: the key store does not need one.
				"--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.kafka.admin.auto-create=false",
				"--spring.mongodb.uri=" + MongoWireServer.uri(database),
				"--microshop.jwt.signing-key-file=" + ((keyFile != null) ? keyFile : "") };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UserServiceApplication.class)
			.run(args)) {
			String port = context.getEnvironment().getProperty("local.server.port");
			String jwks = RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + port)
				.build()
				.get()
				.uri("/.well-known/jwks.json")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			return JWKSet.parse(jwks).getKeys().get(0).getKeyID();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
