package dev.microshop.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GitHub Actions workflow stays in step with {@code .ci/run}, which is what actually
 * runs here: same test command, same Debian packages (except those of the Docker engine
 * and the stand-in images, which hosted runners do not need), and its shell steps pass
 * shellcheck.
 */
class WorkflowTests {

	/**
	 * Packages .ci/run installs that a hosted runner does not need: it has a Docker
	 * engine and can pull the official images, so it builds no stand-ins.
	 */
	private static final Set<String> NOT_NEEDED_ON_HOSTED_RUNNERS = Set.of("docker.io", "docker-compose",
			"docker-buildx", "containerd", "runc", "debootstrap");

	private static final Pattern APT_INSTALL = Pattern.compile("apt-get\\s+install\\s+([^;&|>\\n]*)");

	/**
	 * .ci/run installs only what is missing: {@code for tool in command:package ...},
	 * then {@code apt-get install $missing}.
	 */
	private static final Pattern TOOL_PACKAGE = Pattern
		.compile("(?<![\\w$-])[\\w.+-]+:([a-z0-9][a-z0-9.+-]+)(?=[\\s;\\\\])");

	private final Path root = Repository.root();

	@Test
	void theWorkflowRunsTheSameTestCommandAsCi() {
		assertThat(Repository.read(this.root.resolve(".ci/run"))).contains("./mvnw -B verify");
		assertThat(String.join("\n", runSteps())).contains("./mvnw -B verify");
	}

	@Test
	void theWorkflowInstallsEveryPackageCiInstalls() {
		Set<String> ci = ciPackages(Repository.read(this.root.resolve(".ci/run")));
		assertThat(ci).as(".ci/run's packages").contains("redis-server", "yamllint", "shellcheck", "prometheus");
		ci.removeAll(NOT_NEEDED_ON_HOSTED_RUNNERS);
		assertThat(packages(String.join("\n", runSteps())))
			.as("packages installed by .github/workflows/ci.yml (.ci/run installs %s)", ci)
			.containsAll(ci);
	}

	@Test
	void theWorkflowsShellStepsPassShellcheck() throws IOException {
		Tool shellcheck = new Tool("shellcheck");
		assumeTrue(shellcheck.isInstalled(),
				"shellcheck is not installed, so the workflow's steps are not checked here (apt-get install shellcheck)");
		Path scripts = Files.createDirectories(Path.of("target", "workflow-steps").toAbsolutePath());
		List<String> arguments = new ArrayList<>(List.of("--shell=bash", "--format=gcc"));
		List<String> steps = runSteps();
		for (int i = 0; i < steps.size(); i++) {
			// ${{ expressions }} are replaced by GitHub before the shell runs.
			String script = steps.get(i).replaceAll("\\$\\{\\{[^}]*}}", "expression");
			Path file = Files.writeString(scripts.resolve("step-" + (i + 1) + ".sh"), script);
			arguments.add(file.toString());
		}
		Tool.Result result = shellcheck.run(this.root, arguments);
		assertThat(result.exitCode()).as("shellcheck on the workflow's run steps:%n%s", result.output()).isZero();
	}

	private List<String> runSteps() {
		Path workflow = this.root.resolve(".github/workflows/ci.yml");
		assertThat(workflow).isRegularFile();
		Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Repository.read(workflow));
		List<String> steps = new ArrayList<>();
		map(document.get("jobs")).values()
			.forEach((job) -> list(map(job).get("steps")).stream()
				.map((step) -> map(step).get("run"))
				.filter((run) -> run != null)
				.forEach((run) -> steps.add(run.toString())));
		assertThat(steps).as("run steps in %s", workflow).isNotEmpty();
		return steps;
	}

	private static Set<String> ciPackages(String script) {
		Set<String> packages = packages(script);
		for (String line : script.replace("\\\n", " ").lines().toList()) {
			if (line.strip().startsWith("for tool in ")) {
				Matcher matcher = TOOL_PACKAGE.matcher(line + " ");
				while (matcher.find()) {
					packages.add(matcher.group(1));
				}
			}
		}
		return packages;
	}

	private static Set<String> packages(String script) {
		Set<String> packages = new TreeSet<>();
		Matcher matcher = APT_INSTALL.matcher(script.replace("\\\n", " "));
		while (matcher.find()) {
			for (String word : matcher.group(1).strip().split("\\s+")) {
				if (!word.isEmpty() && !word.startsWith("-") && !word.contains("$")) {
					packages.add(word);
				}
			}
		}
		return packages;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

}
