package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.microshop.deployment.ComposeFile.Service;

/**
 * The rules every service follows in every compose and Swarm stack file.
 * <p>
 * Every service has a healthcheck: in the file or, for our six images only, the
 * HEALTHCHECK of the image's Dockerfile, which compose and Swarm use when the file has
 * none (one definition, next to the port it probes; the Dockerfile rules check that it
 * asks the readiness probe). Other images (MongoDB, Kafka, Redis) need one in the file:
 * the official images have none, except those in {@link #WITHOUT_HEALTHCHECK}.
 */
final class ServiceRules {

	static final String HEALTHCHECK = "healthcheck";

	static final String MEMORY_LIMIT = "memory limit";

	static final String PINNED_IMAGE = "pinned image";

	static final String OUR_IMAGE_TAG = "our image tag";

	static final String NO_SECRET_VALUES = "no secret values in environment";

	static final String DECLARED = "secrets and configs declared";

	/**
	 * The images that cannot have a healthcheck, each with the reason: a healthcheck runs
	 * a command inside the container, and these images hold nothing to run but their own
	 * program. Compose starts what depends on them without waiting for their health.
	 */
	static final Map<String, String> WITHOUT_HEALTHCHECK = Map.of("otel/opentelemetry-collector-contrib",
			"distroless: no shell, wget or curl to probe its health_check endpoint with, and no health subcommand");

	/** A URI with a literal password: {@code scheme://user:password@host}. */
	private static final Pattern URI_CREDENTIALS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:([^/\\s@]+)@");

	/** A version such as {@code 0.1.0} or {@code 1.2.3-SNAPSHOT}. */
	private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*([-.][A-Za-z0-9.-]+)?");

	private ServiceRules() {
	}

	/**
	 * The rules for a file of the given kind.
	 * @param stack whether the file is a Swarm stack, where only {@code deploy.resources}
	 * limits memory ({@code docker stack deploy} ignores {@code mem_limit})
	 * @param imageHealthchecks our services whose Dockerfile has a HEALTHCHECK
	 * @return the rules
	 */
	static List<Rule<ComposeFile>> rules(boolean stack, Set<String> imageHealthchecks) {
		return List.of(new Rule<>(HEALTHCHECK, (file, report) -> healthcheck(file, report, imageHealthchecks)),
				new Rule<>(MEMORY_LIMIT, (file, report) -> memoryLimit(file, report, stack)),
				new Rule<>(PINNED_IMAGE, ServiceRules::pinnedImage),
				new Rule<>(OUR_IMAGE_TAG, ServiceRules::ourImageTag),
				new Rule<>(NO_SECRET_VALUES, ServiceRules::noSecretValues),
				new Rule<>(DECLARED, ServiceRules::declared));
	}

	private static void healthcheck(ComposeFile file, Rule.Report report, Set<String> imageHealthchecks) {
		for (Service service : file.services()) {
			String ours = service.ourService();
			if (Boolean.TRUE.equals(service.get("healthcheck.disable"))) {
				report.problem(subject(service), "healthcheck disabled");
			}
			else if (service.get("healthcheck.test") == null && (ours == null || !imageHealthchecks.contains(ours))
					&& !cannotHaveHealthcheck(service)) {
				report.problem(subject(service),
						(ours != null) ? "no healthcheck, neither here nor in " + ours + "/Dockerfile"
								: "no healthcheck (only our six images may use their Dockerfile's)");
			}
		}
	}

	private static boolean cannotHaveHealthcheck(Service service) {
		String image = service.string("image");
		return image != null
				&& WITHOUT_HEALTHCHECK.containsKey(ImageReference.parse(ComposeFile.defaults(image)).name());
	}

	private static void memoryLimit(ComposeFile file, Rule.Report report, boolean stack) {
		for (Service service : file.services()) {
			boolean deployLimit = service.get("deploy.resources.limits.memory") != null;
			if (stack && !deployLimit) {
				report.problem(subject(service),
						"no deploy.resources.limits.memory (docker stack deploy ignores mem_limit)");
			}
			else if (!stack && !deployLimit && service.get("mem_limit") == null) {
				report.problem(subject(service), "no mem_limit or deploy.resources.limits.memory");
			}
		}
	}

	private static void pinnedImage(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			String image = service.string("image");
			if (image == null) {
				continue;
			}
			// ${MONGO_IMAGE:-mongo:8.0} is mongo:8.0 unless set; a variable without
			// default is
			// set by whoever deploys.
			String resolved = ComposeFile.defaults(image);
			String problem = resolved.matches(".*<[A-Za-z_][A-Za-z0-9_]*>.*") ? null
					: ImageReference.parse(resolved).pinningProblem();
			if (problem != null) {
				report.problem(subject(service), "image " + image + ": " + problem);
			}
		}
	}

	private static void ourImageTag(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			ImageReference image = service.image();
			if (image == null || !image.isOurs() || image.tag() == null) {
				continue;
			}
			// A variable (e.g. ${MICROSHOP_TAG:-0.1.0}) or a version; never a name like
			// latest or dev.
			if (!image.tag().contains("${") && !VERSION.matcher(image.tag()).matches()) {
				report.problem(subject(service), "image " + service.string("image")
						+ ": tag is neither a variable such as ${MICROSHOP_TAG:-<version>} nor a version");
			}
		}
	}

	private static void noSecretValues(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			service.environment().forEach((name, value) -> {
				if (SecretNames.carriesSecretValue(name)) {
					report.problem(subject(service), "environment " + name
							+ " carries a secret: mount it as a secret and pass its path as " + name + "_FILE");
				}
				Matcher credentials = URI_CREDENTIALS.matcher(String.valueOf(value));
				if (value != null && credentials.find() && !credentials.group(1).matches("\\$\\{[^}]+}")) {
					report.problem(subject(service), "environment " + name + " has a password written in its URI");
				}
			});
		}
	}

	private static void declared(ComposeFile file, Rule.Report report) {
		for (String kind : List.of("secrets", "configs")) {
			Set<String> declared = file.section(kind).keySet();
			for (Service service : file.services()) {
				for (String used : references(service.list(kind))) {
					if (!declared.contains(used)) {
						report.problem(subject(service), kind + ": " + used + " is not declared at the top level");
					}
				}
			}
		}
	}

	private static List<String> references(List<Object> entries) {
		List<String> names = new ArrayList<>();
		for (Object entry : entries) {
			if (entry instanceof Map<?, ?> map) {
				names.add(String.valueOf(map.get("source")));
			}
			else {
				names.add(String.valueOf(entry));
			}
		}
		return names;
	}

	static String subject(Service service) {
		return "service " + service.name();
	}

}
