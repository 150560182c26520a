package dev.microshop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drives the {@code ./platform} command exactly as a user does, with its state kept under
 * the build directory so that a run never touches the user's own platform data.
 * <p>
 * As an extension, it starts the platform once for all the test classes that use it, and
 * stops it when they are done. The services export their spans to a
 * {@link TraceCollector} of this JVM, and the gateway's Prometheus endpoint takes the
 * scrape credential {@link #METRICS_PASSWORD}.
 */
final class Platform implements BeforeAllCallback {

	private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();

	private static final Path HOME = Path.of(System.getProperty("platform.home", "target/platform-home"))
		.toAbsolutePath();

	/** The password of the gateway's scrape user {@code prometheus}. */
	static final String METRICS_PASSWORD = "system-tests-" + Long.toHexString(System.nanoTime());

	private static final TraceCollector TRACES = TraceCollector.start();

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(Platform.class, (key) -> {
			up();
			return (AutoCloseable) Platform::down;
		});
	}

	/** The repository's root, where {@code ./platform} is. */
	static Path root() {
		return ROOT;
	}

	/** What the services exported over OTLP since the platform started. */
	static TraceCollector traces() {
		return TRACES;
	}

	/** A component's log as JSON lines, the copy that {@code ./platform} keeps. */
	static Path jsonLog(String component) {
		return HOME.resolve("logs").resolve(component + ".json");
	}

	/** {@code ./platform up}: starts whatever is stopped and waits until it is ready. */
	static void up() {
		run(List.of("up"), 300);
	}

	/** {@code ./platform down}: stops everything, data kept. */
	static void down() {
		run(List.of("down"), 180);
	}

	static void start(String component) {
		run(List.of("start", component), 180);
	}

	static void stop(String component) {
		run(List.of("stop", component), 120);
	}

	static void restart(String component) {
		run(List.of("restart", component), 180);
	}

	/**
	 * Kills a component with SIGKILL, as a crash would: no shutdown hook runs.
	 */
	static void kill(String component) {
		try {
			long pid = Long.parseLong(Files.readString(HOME.resolve("pids").resolve(component + ".pid")).strip());
			ProcessHandle process = ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException(component + " is not running"));
			process.destroyForcibly();
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not kill " + component, ex);
		}
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
			builder.environment().put("OTLP_TRACING_ENDPOINT", TRACES.endpoint());
			builder.environment().put("METRICS_PASSWORD", METRICS_PASSWORD);
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
