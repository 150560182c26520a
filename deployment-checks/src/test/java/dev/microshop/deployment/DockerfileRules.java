package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.microshop.deployment.Dockerfile.Instruction;
import dev.microshop.deployment.Dockerfile.Stage;

/**
 * The rules every Dockerfile follows, and the extra ones of the six services'
 * Dockerfiles.
 */
final class DockerfileRules {

	static final String NON_ROOT_USER = "non-root user";

	static final String HEALTHCHECK = "healthcheck";

	static final String EXPOSE = "expose";

	static final String PINNED_BASE = "pinned base image";

	static final String NO_SECRET_VALUES = "no secret in ENV/ARG";

	static final String OCI_LABELS = "OCI labels";

	static final String BOOT_LAYERS = "Boot layers in order";

	static final String READINESS = "healthcheck on readiness";

	private static final List<String> REQUIRED_LABELS = List.of("org.opencontainers.image.title",
			"org.opencontainers.image.version", "org.opencontainers.image.source");

	/**
	 * The directories {@code java -Djarmode=tools extract --layers} writes, least
	 * changing first.
	 */
	static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	/** Rules for any Dockerfile. */
	static final List<Rule<Dockerfile>> ANY = List.of(new Rule<>(NON_ROOT_USER, DockerfileRules::nonRootUser),
			new Rule<>(HEALTHCHECK, DockerfileRules::healthcheck), new Rule<>(EXPOSE, DockerfileRules::expose),
			new Rule<>(PINNED_BASE, DockerfileRules::pinnedBase),
			new Rule<>(NO_SECRET_VALUES, DockerfileRules::noSecretValues),
			new Rule<>(OCI_LABELS, DockerfileRules::ociLabels));

	/** Rules for the six services' Dockerfiles, on top of {@link #ANY}. */
	static final List<Rule<Dockerfile>> SERVICE = List.of(new Rule<>(BOOT_LAYERS, DockerfileRules::bootLayers),
			new Rule<>(READINESS, DockerfileRules::readiness));

	private DockerfileRules() {
	}

	static List<Violation> check(String file, Dockerfile dockerfile, boolean service) {
		List<Violation> violations = new ArrayList<>(Rule.applyAll(file, dockerfile, ANY));
		if (service) {
			violations.addAll(Rule.applyAll(file, dockerfile, SERVICE));
		}
		return violations;
	}

	private static void nonRootUser(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage == null) {
			report.problem("file", "no FROM");
			return;
		}
		List<Instruction> users = stage.all("USER");
		if (users.isEmpty()) {
			report.problem("final stage", "no USER: the container would run as root");
			return;
		}
		Instruction last = users.get(users.size() - 1);
		String user = Dockerfile.resolve(last.arguments().strip(), knownValues(dockerfile, stage)).split(":")[0];
		if (Dockerfile.hasVariable(user)) {
			report.problem("line " + last.line(), "USER " + last.arguments() + " cannot be resolved to a user");
		}
		else if (user.equals("root") || user.equals("0")) {
			report.problem("line " + last.line(), "the last USER is root");
		}
	}

	private static void healthcheck(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage != null && stage.all("HEALTHCHECK").stream().noneMatch(DockerfileRules::enabled)) {
			report.problem("final stage", "no HEALTHCHECK");
		}
	}

	/**
	 * Whether the image gets a HEALTHCHECK, which compose and Swarm use when their file
	 * has none.
	 * @param dockerfile the Dockerfile
	 * @return whether its final stage has a HEALTHCHECK other than NONE
	 */
	static boolean hasHealthcheck(Dockerfile dockerfile) {
		Stage stage = dockerfile.finalStage();
		return stage != null && stage.all("HEALTHCHECK").stream().anyMatch(DockerfileRules::enabled);
	}

	private static boolean enabled(Instruction healthcheck) {
		return !healthcheck.arguments().strip().equalsIgnoreCase("NONE");
	}

	private static void expose(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage != null && stage.all("EXPOSE").isEmpty()) {
			report.problem("final stage", "no EXPOSE");
		}
	}

	private static void pinnedBase(Dockerfile dockerfile, Rule.Report report) {
		Set<String> stageNames = new HashSet<>();
		for (Stage stage : dockerfile.stages()) {
			String base = stage.base();
			if (!stageNames.contains(base) && !base.equals("scratch")) {
				String resolved = Dockerfile.resolve(base, dockerfile.globalArgs());
				// An ARG without default is set by whoever builds: CI passes its locally
				// built base.
				String problem = Dockerfile.hasVariable(resolved) ? null
						: ImageReference.parse(resolved).pinningProblem();
				if (problem != null) {
					report.problem("line " + stage.from().line(), "FROM " + base
							+ (resolved.equals(base) ? "" : " (" + resolved + " by default)") + ": " + problem);
				}
			}
			if (stage.name() != null) {
				stageNames.add(stage.name());
			}
		}
	}

	private static void noSecretValues(Dockerfile dockerfile, Rule.Report report) {
		for (Instruction instruction : dockerfile.argsAndEnvs()) {
			instruction.pairs().forEach((name, value) -> {
				if (SecretNames.carriesSecretValue(name) && value != null && !value.isEmpty()) {
					report.problem("line " + instruction.line(), instruction.keyword() + " " + name
							+ " has a value: it stays in the image; pass a *_FILE path to a secret instead");
				}
			});
		}
	}

	private static void ociLabels(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage == null) {
			return;
		}
		Map<String, String> labels = new LinkedHashMap<>();
		stage.all("LABEL").forEach((label) -> labels.putAll(label.pairs()));
		List<String> missing = REQUIRED_LABELS.stream()
			.filter((key) -> labels.get(key) == null || labels.get(key).isBlank())
			.toList();
		if (!missing.isEmpty()) {
			report.problem("final stage", "missing LABEL " + String.join(", ", missing));
		}
	}

	private static void bootLayers(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage == null) {
			return;
		}
		Map<String, Integer> firstCopy = new HashMap<>();
		List<Instruction> copies = stage.all("COPY");
		for (int i = 0; i < copies.size(); i++) {
			List<String> operands = copies.get(i).operands();
			for (String source : operands.subList(0, Math.max(0, operands.size() - 1))) {
				for (String segment : source.split("/")) {
					if (LAYERS.contains(segment)) {
						firstCopy.putIfAbsent(segment, i);
					}
				}
			}
		}
		List<String> missing = LAYERS.stream().filter((layer) -> !firstCopy.containsKey(layer)).toList();
		if (!missing.isEmpty()) {
			report.problem("final stage", "does not COPY the layer(s) " + String.join(", ", missing));
			return;
		}
		List<String> copied = LAYERS.stream().sorted((a, b) -> firstCopy.get(a) - firstCopy.get(b)).toList();
		if (!copied.equals(LAYERS)) {
			report.problem("final stage", "copies the layers as " + copied + ", not least changing first: " + LAYERS);
		}
	}

	private static void readiness(Dockerfile dockerfile, Rule.Report report) {
		Stage stage = dockerfile.finalStage();
		if (stage == null) {
			return;
		}
		List<Instruction> healthchecks = stage.all("HEALTHCHECK").stream().filter(DockerfileRules::enabled).toList();
		// No HEALTHCHECK at all is the healthcheck rule's to report.
		if (!healthchecks.isEmpty()
				&& healthchecks.stream().noneMatch((healthcheck) -> healthcheck.arguments().contains("readiness"))) {
			report.problem("final stage", "HEALTHCHECK does not ask the readiness probe (/actuator/health/readiness)");
		}
	}

	private static Map<String, String> knownValues(Dockerfile dockerfile, Stage stage) {
		Map<String, String> values = new HashMap<>(dockerfile.globalArgs());
		for (Instruction instruction : stage.instructions()) {
			if (instruction.is("ARG") || instruction.is("ENV")) {
				instruction.pairs().forEach((name, value) -> {
					if (value != null || !values.containsKey(name)) {
						values.put(name, value);
					}
				});
			}
		}
		return values;
	}

}
