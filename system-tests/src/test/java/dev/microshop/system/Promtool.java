package dev.microshop.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} (Debian package {@code prometheus}) the way the
 * project's checks need it: {@code promtool check metrics} lints exposition text given on
 * its standard input, as {@code curl -s .../actuator/prometheus | promtool check
 * metrics} would. Exit code 0 with no output means no problem; each lint problem is one
 * line of output (such as {@code foo_seconds no help text}) with exit code 3; a text that
 * cannot be parsed gives exit code 1.
 * <p>
 * Only the command-line tool: no Prometheus server is started.
 */
final class Promtool {

	private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

	private Promtool() {
	}

	/**
	 * Returns whether {@code promtool} can be run here, for an assumption in the tests.
	 */
	static boolean installed() {
		try {
			return run(List.of("--version"), "").exitCode() == 0;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * Lints Prometheus exposition text with {@code promtool check metrics}.
	 * @param exposition the text a {@code /actuator/prometheus} endpoint answered
	 * @return promtool's exit code and output
	 */
	static Result checkMetrics(String exposition) {
		return run(List.of("check", "metrics"), exposition);
	}

	/**
	 * Runs {@code promtool} with the arguments, the input on its standard input.
	 * @param arguments such as {@code check metrics}
	 * @param input written to its standard input, which is then closed
	 * @return its exit code and output (standard output then standard error)
	 * @throws UncheckedIOException if promtool cannot be started
	 * @throws IllegalStateException if it runs longer than a minute
	 */
	static Result run(List<String> arguments, String input) {
		List<String> command = new ArrayList<>();
		command.add("promtool");
		command.addAll(arguments);
		Process process;
		try {
			process = new ProcessBuilder(command).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run promtool (Debian package prometheus)", ex);
		}
		// Read both streams while writing: a large input and a chatty promtool would
		// otherwise each wait for the other.
		CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// promtool may exit before reading everything (a fatal parse error): its
			// exit code and output tell why.
		}
		try {
			if (!process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("promtool " + String.join(" ", arguments) + " ran over " + TIME_LIMIT);
			}
			return new Result(process.exitValue(), stdout.join() + stderr.join());
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for promtool", ex);
		}
	}

	private static String read(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What promtool answered.
	 *
	 * @param exitCode 0 when all is well
	 * @param output its standard output then its standard error, one problem a line
	 */
	record Result(int exitCode, String output) {

		/** Returns whether promtool found no problem at all. */
		boolean passed() {
			return this.exitCode == 0 && this.output.isBlank();
		}

	}

}
