package dev.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the platform's processes, read from Linux's
 * {@code /proc}; the pids from the files {@code ./platform} writes under
 * {@code $PLATFORM_HOME/pids}.
 */
final class ProcessStats {

	/** The order in which tables list the platform's components. */
	static final List<String> COMPONENTS = List.of("mongodb", "kafka", "discovery", "user-service", "order-service",
			"payment-service", "notification-service", "gateway");

	/** The name the load generator's own process is reported under. */
	static final String LOAD_GENERATOR = "load generator";

	private final long clockTicksPerSecond;

	ProcessStats(long clockTicksPerSecond) {
		this.clockTicksPerSecond = clockTicksPerSecond;
	}

	/**
	 * Returns the pid of each running component, in {@link #COMPONENTS} order, then this
	 * process as the {@value #LOAD_GENERATOR}.
	 */
	static Map<String, Long> platformPids(Path platformHome) {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (String component : COMPONENTS) {
			Path file = platformHome.resolve("pids").resolve(component + ".pid");
			try {
				long pid = Long.parseLong(Files.readString(file).strip());
				if (Files.exists(Path.of("/proc", Long.toString(pid)))) {
					pids.put(component, pid);
				}
			}
			catch (IOException | NumberFormatException ex) {
				// Not started by this platform (PLATFORM_SERVICES) or not running.
			}
		}
		pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
		return pids;
	}

	/**
	 * Returns the CPU time (user + system) of each process in milliseconds.
	 */
	Map<String, Long> cpuMillis(Map<String, Long> pids) {
		Map<String, Long> cpu = new LinkedHashMap<>();
		pids.forEach((name, pid) -> read(Path.of("/proc", Long.toString(pid), "stat"))
			.ifPresent((stat) -> cpu.put(name, cpuTicks(stat) * 1000 / this.clockTicksPerSecond)));
		return cpu;
	}

	/**
	 * Returns the resident memory (VmRSS) of each process in KiB.
	 */
	static Map<String, Long> rssKib(Map<String, Long> pids) {
		Map<String, Long> rss = new LinkedHashMap<>();
		pids.forEach((name, pid) -> read(Path.of("/proc", Long.toString(pid), "status")).map(ProcessStats::vmRssKib)
			.ifPresent((kib) -> kib.ifPresent((value) -> rss.put(name, value))));
		return rss;
	}

	/**
	 * Returns utime + stime, in clock ticks, from the contents of
	 * {@code /proc/<pid>/stat}. The command name in parentheses may hold spaces and
	 * parentheses itself, so the fields are counted after its last closing parenthesis:
	 * there the process state is field 3 and utime and stime are fields 14 and 15.
	 */
	static long cpuTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" +");
		return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
	}

	/**
	 * Returns VmRSS in KiB from the contents of {@code /proc/<pid>/status}.
	 */
	static OptionalLong vmRssKib(String status) {
		try (Stream<String> lines = status.lines()) {
			return lines.filter((line) -> line.startsWith("VmRSS:"))
				.mapToLong((line) -> Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip()))
				.findFirst();
		}
	}

	private static Optional<String> read(Path file) {
		try {
			return Optional.of(Files.readString(file));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns {@code after - before} per process present in both.
	 */
	static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> difference = new LinkedHashMap<>();
		before.forEach((name, value) -> {
			Long later = after.get(name);
			if (later != null) {
				difference.put(name, later - value);
			}
		});
		return difference;
	}

}
