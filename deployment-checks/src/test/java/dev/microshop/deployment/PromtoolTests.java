package dev.microshop.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus' own checker on the Prometheus configuration, the alert and recording rules
 * and their unit tests, and proof on broken fixtures that each check can fail. Skipped
 * where promtool is not installed (Debian package {@code prometheus}); CI installs it.
 */
class PromtoolTests {

	/**
	 * Where compose mounts the gateway's metrics password in the Prometheus container.
	 */
	private static final String PASSWORD_FILE = "/run/secrets/metrics_password";

	private final Tool promtool = new Tool("promtool");

	@BeforeEach
	void promtoolIsInstalled() {
		assumeTrue(this.promtool.isInstalled(),
				"promtool is not installed, so the Prometheus files are not checked here (apt-get install prometheus)");
	}

	@Test
	void thePrometheusConfigurationIsValid() throws IOException {
		Path config = configWithPasswordFile(Observability.path(Observability.PROMETHEUS), "config");
		Tool.Result result = this.promtool.run(config, List.of("check", "config", "prometheus.yml"));
		assertThat(result.exitCode()).as("promtool check config prometheus.yml:%n%s", result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 1 rule files found");
	}

	@Test
	void theAlertAndRecordingRulesAreValid() {
		Tool.Result result = this.promtool.run(Observability.path(Observability.PROMETHEUS),
				List.of("check", "rules", "alerts.yml"));
		assertThat(result.exitCode()).as("promtool check rules alerts.yml:%n%s", result.output()).isZero();
	}

	@Test
	void theAlertRulesPassTheirUnitTests() {
		Tool.Result result = this.promtool.run(Observability.path(Observability.PROMETHEUS),
				List.of("test", "rules", "alerts.test.yml"));
		assertThat(result.exitCode()).as("promtool test rules alerts.test.yml:%n%s", result.output()).isZero();
	}

	@Test
	void checkConfigReportsAnUnknownRelabelAction() throws IOException {
		Path config = configWithPasswordFile(fixtures("prometheus/bad-config"), "bad-config");
		Tool.Result result = this.promtool.run(config, List.of("check", "config", "prometheus.yml"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("unknown relabel action");
	}

	@Test
	void checkRulesReportsInvalidPromQl() {
		Tool.Result result = this.promtool.run(fixtures("prometheus"), List.of("check", "rules", "bad-rules.yml"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("HighErrorRate").containsIgnoringCase("parse error");
	}

	@Test
	void testRulesReportsAnAlertThatDoesNotMatchItsTest() throws IOException {
		// The fixture tests the real alerts.yml: one copy of both in a scratch directory.
		Path directory = scratch("wrong-test");
		Files.copy(Observability.path(Observability.PROMETHEUS).resolve("alerts.yml"), directory.resolve("alerts.yml"));
		Files.copy(fixtures("prometheus").resolve("wrong-expectation.test.yml"),
				directory.resolve("wrong-expectation.test.yml"));
		Tool.Result result = this.promtool.run(directory, List.of("test", "rules", "wrong-expectation.test.yml"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("alertname: InstanceDown");
	}

	/**
	 * A copy of a Prometheus configuration directory whose {@code password_file} exists.
	 * promtool resolves the rule files and, depending on its version, checks that the
	 * files a configuration names exist; the password file exists only in the container
	 * (a compose secret), so the copy points at a stand-in file instead.
	 */
	private static Path configWithPasswordFile(Path source, String name) throws IOException {
		Path directory = scratch(name);
		Path password = Files.writeString(directory.resolve("metrics_password"), "stand-in");
		try (var files = Files.list(source)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file).replace(PASSWORD_FILE, password.toString());
				Files.writeString(directory.resolve(file.getFileName()), text);
			}
		}
		assertThat(Files.readString(directory.resolve("prometheus.yml"))).doesNotContain(PASSWORD_FILE);
		return directory;
	}

	private static Path scratch(String name) throws IOException {
		Path directory = Path.of("target", "promtool", name).toAbsolutePath();
		if (Files.isDirectory(directory)) {
			try (var files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
		}
		return Files.createDirectories(directory);
	}

	private static Path fixtures(String directory) {
		return Path.of("src/test/resources/fixtures", directory).toAbsolutePath();
	}

}
