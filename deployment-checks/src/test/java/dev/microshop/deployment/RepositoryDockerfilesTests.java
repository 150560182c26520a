package dev.microshop.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's Dockerfiles follow the rules. Missing files fail these tests: an image
 * without a Dockerfile cannot be checked, and silence would look like success.
 */
class RepositoryDockerfilesTests {

	@Test
	void everyServiceAndTheStandInImageHaveADockerfile() {
		Path root = Repository.root();
		List<String> expected = new ArrayList<>(Repository.SERVICES.stream().map((s) -> s + "/Dockerfile").toList());
		expected.add("infra/Dockerfile");
		assertThat(expected).as("Dockerfiles missing in %s", root)
			.allSatisfy((file) -> assertThat(root.resolve(file)).isRegularFile());
		// Each module is its image's build context, and its .dockerignore lets only the
		// jar in.
		assertThat(expected)
			.allSatisfy((file) -> assertThat(Repository.read(root.resolve(file).resolveSibling(".dockerignore"))
				.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList()).as("the build context's .dockerignore next to %s", file)
				.startsWith("*")
				.contains("!target/*.jar"));
	}

	@Test
	void everyDockerfileFollowsTheRules() {
		List<Path> dockerfiles = Repository.dockerfiles();
		assertThat(dockerfiles).as("Dockerfiles in the repository").isNotEmpty();
		List<Violation> violations = new ArrayList<>();
		for (Path file : dockerfiles) {
			violations.addAll(DockerfileRules.check(Repository.relative(file), Dockerfile.parse(Repository.read(file)),
					isService(file)));
		}
		Violations.assertNone(dockerfiles.size() + " Dockerfile(s)", violations);
	}

	private static boolean isService(Path file) {
		return file.getFileName().toString().equals("Dockerfile") && file.getParent() != null
				&& Repository.SERVICES.contains(file.getParent().getFileName().toString())
				&& Files.isDirectory(file.resolveSibling("src"));
	}

}
