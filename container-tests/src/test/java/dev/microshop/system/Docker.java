package dev.microshop.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's container scripts and the docker commands, as a learner types
 * them, and returns what they print.
 */
final class Docker {

	/** The repository root, where compose/ and the modules are. */
	static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();

	/**
	 * Whether this machine must use the locally built stand-in images (it can pull none),
	 * as CI does: {@code MICROSHOP_STANDINS=true}.
	 */
	static final boolean STANDINS = Boolean.parseBoolean(System.getenv().getOrDefault("MICROSHOP_STANDINS", "false"));

	/**
	 * The base image of the service images, the stand-in one where nothing can be pulled.
	 */
	static final String JAVA_BASE_IMAGE = STANDINS ? "microshop-standin/jre:25" : "eclipse-temurin:25-jre";

	private Docker() {
	}

	/**
	 * Runs a command in {@code directory} and returns its output.
	 * @throws IllegalStateException if it fails or outlasts {@code timeout}, with the end
	 * of its output
	 */
	static String run(Path directory, Map<String, String> environment, Duration timeout, List<String> command) {
		Result result = attempt(directory, environment, timeout, command);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n" + tail(result.output()));
		}
		return result.output();
	}

	static String docker(String... arguments) {
		return run(ROOT, Map.of(), Duration.ofMinutes(2), prepend("docker", arguments)).strip();
	}

	/** Runs a command and returns its exit code and output, whatever they are. */
	static Result attempt(Path directory, Map<String, String> environment, Duration timeout, List<String> command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			// Read while it runs: a full pipe would block the command.
			StringBuilder output = new StringBuilder();
			Thread reader = Thread.ofVirtual().start(() -> {
				try {
					output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					output.append(ex);
				}
			});
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				reader.join();
				throw new IllegalStateException(
						String.join(" ", command) + " did not end within " + timeout + ":\n" + tail(output.toString()));
			}
			reader.join();
			return new Result(process.exitValue(), output.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static List<String> prepend(String first, String... rest) {
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest))
			.toList();
	}

	private static String tail(String output) {
		List<String> lines = output.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	record Result(int exitCode, String output) {
	}

}
