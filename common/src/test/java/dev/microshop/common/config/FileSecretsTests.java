package dev.microshop.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
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
	void aServiceStartsWithItsPlaceholderResolvedFromTheSecret() throws IOException {
		Path uri = secret("mongodb_uri", "mongodb://shop:s3cret@mongodb:27017/orders\n");

		try (ConfigurableApplicationContext context = start(Map.of("MONGODB_URI_FILE", uri.toString(),
				"TF_CLI_CONFIG_FILE", this.secrets.resolve("absent").toString()))) {
			assertThat(context.getBean(Settings.class).mongodbUri)
				.isEqualTo("mongodb://shop:s3cret@mongodb:27017/orders");
		}
	}

	@Test
	void aServiceWhoseSecretFileIsMissingDoesNotStart() {
		Path missing = this.secrets.resolve("absent");

		assertThatException().isThrownBy(() -> start(Map.of("MONGODB_URI_FILE", missing.toString())))
			.withStackTraceContaining(
					"MONGODB_URI_FILE names " + missing + ", which cannot be read (NoSuchFileException)");
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
	void aMissingFileIsReportedWithTheVariableAndThePath() {
		Path missing = this.secrets.resolve("absent");
		StandardEnvironment environment = postProcessed(Map.of("MONGODB_URI_FILE", missing.toString()));

		assertThatIllegalStateException().isThrownBy(() -> environment.getProperty("MONGODB_URI"))
			.withMessage("MONGODB_URI_FILE names " + missing + ", which cannot be read (NoSuchFileException)");
	}

	@Test
	void anUnreadableFileIsReportedWithoutItsContent() throws IOException {
		Path garbled = this.secrets.resolve("garbled");
		Files.write(garbled, new byte[] { 'h', 'u', 'n', 't', 'e', 'r', '2', (byte) 0xff });

		StandardEnvironment environment = postProcessed(Map.of("DB_PASSWORD_FILE", garbled.toString()));

		assertThatIllegalStateException().isThrownBy(() -> environment.getProperty("DB_PASSWORD"))
			.withMessageStartingWith("DB_PASSWORD_FILE names " + garbled)
			.withMessageNotContaining("hunter2");
	}

	@Test
	void variablesNobodyAsksForByTheirNameAreLeftAlone() throws IOException {
		Path key = secret("jwt.pem", "-----BEGIN PRIVATE KEY-----\n");

		StandardEnvironment environment = postProcessed(Map.of("JWT_SIGNING_KEY_FILE", key.toString(), "SSL_CERT_FILE",
				"/etc/ssl/absent.pem", "REDIS_URL_FILE", ""));

		assertThat(environment.resolvePlaceholders("${JWT_SIGNING_KEY_FILE:}")).isEqualTo(key.toString());
		assertThat(environment.getProperty("REDIS_URL")).isNull();
	}

	@Test
	void commandLineArgumentsStillWinOverAFileSecret() throws IOException {
		StandardEnvironment environment = postProcessed(Map.of("PORT_FILE", secret("port", "8082\n").toString()));
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of("PORT", "9000")));

		assertThat(environment.resolvePlaceholders("${PORT:8080}")).isEqualTo("9000");
		environment.getPropertySources().remove("commandLineArgs");
		assertThat(environment.resolvePlaceholders("${PORT:8080}")).isEqualTo("8082");
	}

	private Path secret(String name, String content) throws IOException {
		return Files.writeString(this.secrets.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static ConfigurableApplicationContext start(Map<String, Object> variables) {
		return new SpringApplicationBuilder(Settings.class).environment(environment(variables))
			.web(WebApplicationType.NONE)
			.run();
	}

	private static StandardEnvironment postProcessed(Map<String, Object> variables) {
		StandardEnvironment environment = environment(variables);
		new FileSecrets().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	/** A bean that reads its setting as a service's application.yml would. */
	@Configuration(proxyBeanMethods = false)
	static class Settings {

		@Value("${MONGODB_URI:mongodb://localhost:27017/orders}")
		String mongodbUri;

	}

}
