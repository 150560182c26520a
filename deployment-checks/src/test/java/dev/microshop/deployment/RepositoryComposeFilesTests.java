package dev.microshop.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's compose and Swarm stack files follow the rules, each alone and with
 * its overrides merged. Missing files fail these tests.
 */
class RepositoryComposeFilesTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

	@Test
	void theComposeAndStackFilesExist() {
		Path root = Repository.root();
		assertThat(List.of("compose/compose.yaml", "compose/compose.standins.yaml", "compose/.env.example",
				"compose/swarm/stack.yaml", "compose/swarm/stack.ci.yaml"))
			.as("deployment files missing in %s", root)
			.allSatisfy((file) -> assertThat(root.resolve(file)).isRegularFile());
	}

	@Test
	void theComposeFilesFollowTheRules() {
		List<ComposeFile> files = ComposeFiles.asDeployed(Repository.root().resolve("compose"));
		assertThat(files).as("compose files in compose/").isNotEmpty();
		List<Violation> violations = new ArrayList<>();
		files.forEach((file) -> violations.addAll(ComposeRules.check(file, imageHealthchecks())));
		Violations.assertNone(names(files), violations);
	}

	@Test
	void theStackFilesFollowTheRules() {
		List<ComposeFile> files = ComposeFiles.asDeployed(Repository.root().resolve("compose/swarm"));
		assertThat(files).as("stack files in compose/swarm/").isNotEmpty();
		List<Violation> violations = new ArrayList<>();
		files.forEach((file) -> violations.addAll(StackRules.check(file, imageHealthchecks())));
		Violations.assertNone(names(files), violations);
	}

	@Test
	void theEnvExampleListsEveryVariableTheComposeFilesRead() {
		Path compose = Repository.root().resolve("compose");
		assertThat(compose.resolve(".env.example")).isRegularFile();
		Set<String> used = new TreeSet<>();
		for (Path file : ComposeFiles.composeFiles(compose)) {
			Matcher matcher = VARIABLE.matcher(Repository.read(file));
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		}
		// Listed as NAME=value, or commented out as "# NAME=value" when the default suits
		// most.
		Set<String> listed = new TreeSet<>();
		Repository.read(compose.resolve(".env.example"))
			.lines()
			.map((line) -> line.replaceFirst("^#\\s*", "").strip())
			.filter((line) -> line.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))
			.forEach((line) -> listed.add(line.substring(0, line.indexOf('='))));
		assertThat(listed).as("variables in compose/.env.example (used in compose/*.yaml: %s)", used).containsAll(used);
	}

	/**
	 * Our services whose image has a HEALTHCHECK, which their compose service may rely
	 * on.
	 */
	private static Set<String> imageHealthchecks() {
		Path root = Repository.root();
		return Repository.SERVICES.stream()
			.filter((service) -> Files.isRegularFile(root.resolve(service).resolve("Dockerfile")))
			.filter((service) -> DockerfileRules
				.hasHealthcheck(Dockerfile.parse(Repository.read(root.resolve(service).resolve("Dockerfile")))))
			.collect(Collectors.toSet());
	}

	private static String names(List<ComposeFile> files) {
		return String.join(", ", files.stream().map(ComposeFile::name).toList());
	}

}
