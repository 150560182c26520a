package dev.microshop.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FileSecretsTests {

	@TempDir
	Path secrets;

	@Test
	void aFileSecretResolvesThePlaceholderOfItsVariable() throws IOException {
		Path uri = secret("mongodb_uri", "mongodb://shop:s3cret@mongodb:27017/orders\n");

		StandardEnvironment environment = postProcessed(Map.of("MONGODB_URI_FILE", uri.toString()));

		assertThat(environment.resolvePlaceholders("${MONGODB_URI:mongodb://localhost:27017/orders}"))
			.isEqualTo("mongodb://shop:s3cret@mongodb:27017/orders");
	}

	@Test
	void onlyOneTrailingLineBreakIsRemoved() throws IOException {
		StandardEnvironment environment = postProcessed(Map.of("A_FILE", secret("a", "one\n\n").toString(), "B_FILE",
				secret("b", "two\r\n").toString(), "C_FILE", secret("c", "three").toString()));

		assertThat(environment.getProperty("A")).isEqualTo("one\n");
		assertThat(environment.getProperty("B")).isEqualTo("two");
		assertThat(environment.getProperty("C")).isEqualTo("three");
	}

	@Test
	void aSecretBindsToConfigurationPropertiesLikeAnEnvironmentVariable() throws IOException {
		StandardEnvironment environment = postProcessed(
				Map.of("SPRING_MONGODB_URI_FILE", secret("uri", "mongodb://mongodb/users").toString()));

		assertThat(Binder.get(environment).bind("spring.mongodb.uri", String.class).get())
			.isEqualTo("mongodb://mongodb/users");
	}

	@Test
	void aVariableSetBothWaysFailsTheStartNamingBoth() throws IOException {
		Path uri = secret("mongodb_uri", "mongodb://mongodb/orders");

		assertThatIllegalStateException()
			.isThrownBy(() -> postProcessed(
					Map.of("MONGODB_URI", "mongodb://localhost/orders", "MONGODB_URI_FILE", uri.toString())))
			.withMessageStartingWith("Both MONGODB_URI and MONGODB_URI_FILE are set");
	}

	@Test
	void aMissingFileFailsTheStartNamingTheVariableAndThePath() {
		Path missing = this.secrets.resolve("absent");

		assertThatIllegalStateException()
			.isThrownBy(() -> postProcessed(Map.of("MONGODB_URI_FILE", missing.toString())))
			.withMessage("MONGODB_URI_FILE names " + missing + ", which cannot be read (NoSuchFileException)");
	}

	@Test
	void anUnreadableFileIsReportedWithoutItsContent() throws IOException {
		Path garbled = this.secrets.resolve("garbled");
		Files.write(garbled, new byte[] { 'h', 'u', 'n', 't', 'e', 'r', '2', (byte) 0xff });

		assertThatIllegalStateException()
			.isThrownBy(() -> postProcessed(Map.of("DB_PASSWORD_FILE", garbled.toString())))
			.withMessageStartingWith("DB_PASSWORD_FILE names " + garbled)
			.withMessageNotContaining("hunter2");
	}

	@Test
	void pathVariablesAndBlankValuesAreLeftAlone() throws IOException {
		Path key = secret("jwt.pem", "-----BEGIN PRIVATE KEY-----\n");

		StandardEnvironment environment = postProcessed(Map.of("JWT_SIGNING_KEY_FILE", key.toString(), "LOG_FILE",
				"/var/log/not-yet.log", "REDIS_URL_FILE", ""));

		assertThat(environment.getProperty("JWT_SIGNING_KEY_FILE")).isEqualTo(key.toString());
		assertThat(environment.containsProperty("JWT_SIGNING_KEY")).isFalse();
		assertThat(environment.containsProperty("LOG")).isFalse();
		assertThat(environment.containsProperty("REDIS_URL")).isFalse();
		assertThat(environment.getPropertySources().contains(FileSecrets.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void systemPropertiesStillWinOverAFileSecret() throws IOException {
		StandardEnvironment environment = postProcessed(
				Map.of("SERVER_PORT_FILE", secret("port", "8082\n").toString()));
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("commandLine", Map.of("server.port", "9000")));

		assertThat(environment.getProperty("server.port")).isEqualTo("9000");
		environment.getPropertySources().remove("commandLine");
		assertThat(environment.getProperty("server.port")).isEqualTo("8082");
	}

	private Path secret(String name, String content) throws IOException {
		return Files.writeString(this.secrets.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static StandardEnvironment postProcessed(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		new FileSecrets().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
