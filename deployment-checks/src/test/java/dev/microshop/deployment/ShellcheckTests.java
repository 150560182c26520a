package dev.microshop.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every shell script the project runs passes {@code shellcheck}. Skipped where shellcheck
 * is not installed; CI installs it.
 */
class ShellcheckTests {

	private final Tool shellcheck = new Tool("shellcheck");

	@BeforeEach
	void shellcheckIsInstalled() {
		assumeTrue(this.shellcheck.isInstalled(),
				"shellcheck is not installed, so the shell scripts are not checked here (apt-get install shellcheck)");
	}

	@Test
	void everyScriptPassesShellcheck() {
		List<Path> scripts = Repository.shellScripts("compose", "scripts", ".ci/run", "platform");
		assertThat(scripts).as("shell scripts").isNotEmpty();
		List<String> arguments = new ArrayList<>(List.of("--external-sources", "--format=gcc"));
		scripts.stream().map(Repository::relative).forEach(arguments::add);
		Tool.Result result = this.shellcheck.run(Repository.root(), arguments);
		assertThat(result.exitCode()).as("shellcheck on %d scripts:%n%s", scripts.size(), result.output()).isZero();
	}

	@Test
	void shellcheckReportsAnUnquotedVariable() {
		Path fixture = Path.of("src/test/resources/fixtures/shell/unquoted.sh").toAbsolutePath();
		Tool.Result result = this.shellcheck.run(Repository.root(), List.of("--format=gcc", fixture.toString()));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("SC2086");
	}

}
