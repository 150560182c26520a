package dev.microshop.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compose, stack and CI workflow files and the observability configuration pass
 * {@code yamllint -s} (warnings fail too) with the project's {@code .yamllint.yaml}.
 * Skipped where yamllint is not installed; CI installs it.
 */
class YamllintTests {

	private final Tool yamllint = new Tool("yamllint");

	private final Path root = Repository.root();

	@BeforeEach
	void yamllintIsInstalled() {
		assumeTrue(this.yamllint.isInstalled(),
				"yamllint is not installed, so the YAML files are not linted here (apt-get install yamllint)");
	}

	@Test
	void theDeploymentAndWorkflowFilesPassStrictLinting() {
		List<String> arguments = new ArrayList<>(
				List.of("-s", "-c", ".yamllint.yaml", "-f", "parsable", ".yamllint.yaml"));
		Stream.of("compose", ".github", "infra/observability")
			.filter((dir) -> Files.isDirectory(this.root.resolve(dir)))
			.forEach(arguments::add);
		Tool.Result result = this.yamllint.run(this.root, arguments);
		assertThat(result.exitCode()).as("yamllint %s:%n%s", String.join(" ", arguments), result.output()).isZero();
	}

	@Test
	void theProjectConfigurationReportsWhatItShould() {
		Path fixture = Path.of("src/test/resources/fixtures/yaml/bad.yaml").toAbsolutePath();
		Tool.Result result = this.yamllint.run(this.root,
				List.of("-s", "-c", ".yamllint.yaml", "-f", "parsable", fixture.toString()));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("(truthy)", "(line-length)", "(key-duplicates)", "(trailing-spaces)");
	}

}
