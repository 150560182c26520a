package dev.microshop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the {@code ./platform} command exactly as a user does, with its state kept under
 * the build directory so that a run never touches the user's own platform data.
 */
final class Platform {

	private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();

	private static final Path HOME = Path.of(System.getProperty("platform.home", "target/platform-home"))
		.toAbsolutePath();

	private Platform() {
	}

	static void up() {
		run(List.of("up"), 300);
	}

	static void down() {
		run(List.of("down"), 120);
	}

	static void restart(String component) {
		run(List.of("restart", component), 180);
	}

	private static void run(List<String> arguments, long timeoutSeconds) {
		try {
			Files.createDirectories(HOME);
			Path log = HOME.resolve("platform-command.log");
			ProcessBuilder builder = new ProcessBuilder();
			builder.command().add(ROOT.resolve("platform").toString());
			builder.command().addAll(arguments);
			builder.directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().put("PLATFORM_HOME", HOME.toString());
			Process process = builder.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("./platform " + arguments + " timed out; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"./platform " + arguments + " failed (exit " + process.exitValue() + "):\n" + tail(log));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
