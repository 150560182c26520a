package dev.microshop.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external checker (yamllint, shellcheck) installed on the machine.
 *
 * @param command the command's name
 */
record Tool(String command) {

	boolean isInstalled() {
		try {
			return run(Repository.root(), List.of("--version")).exitCode() == 0;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	Result run(Path directory, List<String> arguments) {
		List<String> commandLine = new ArrayList<>();
		commandLine.add(this.command);
		commandLine.addAll(arguments);
		try {
			Process process = new ProcessBuilder(commandLine).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(this.command + " did not finish within 2 minutes");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a run printed and how it ended.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and error
	 */
	record Result(int exitCode, String output) {

	}

}
