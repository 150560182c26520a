package dev.microshop.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The compose platform of compose/compose.yaml (with the stand-ins where nothing can be
 * pulled), under a project name of its own, driven by compose/up and docker-compose.
 */
final class Compose {

	private final Map<String, String> environment;

	private final List<String> compose;

	Compose(String project) {
		this.environment = Map.of("COMPOSE_PROJECT_NAME", project, "COMPOSE_FILE",
				Docker.STANDINS ? "compose.yaml:compose.standins.yaml" : "compose.yaml", "MICROSHOP_TAG",
				ContainerImages.TAG, "JAVA_BASE_IMAGE", Docker.JAVA_BASE_IMAGE);
		// v2 where it exists, else v1.29 (the only one on Debian 12).
		this.compose = (Docker
			.attempt(Docker.ROOT, Map.of(), Duration.ofSeconds(30), List.of("docker", "compose", "version"))
			.exitCode() == 0) ? List.of("docker", "compose") : List.of("docker-compose");
	}

	/** compose/up: starts everything and returns once every container is healthy. */
	void up() {
		System.out.println(
				Docker.run(Docker.ROOT.resolve("compose"), this.environment, Duration.ofMinutes(12), List.of("./up")));
	}

	String run(String... arguments) {
		List<String> command = new java.util.ArrayList<>(this.compose);
		command.addAll(List.of(arguments));
		return Docker.run(Docker.ROOT.resolve("compose"), this.environment, Duration.ofMinutes(5), command);
	}

	/** The id of the (first) container of a service. */
	String container(String service) {
		return run("ps", "-q", service).lines().findFirst().orElseThrow();
	}

}
