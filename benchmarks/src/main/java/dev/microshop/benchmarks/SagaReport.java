package dev.microshop.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saga benchmark's result as markdown tables, and as a data file for the plot.
 */
final class SagaReport {

	private SagaReport() {
	}

	static String markdown(SagaBenchmark.Result result, String label) {
		SagaBenchmark.Settings settings = result.settings();
		StringBuilder out = new StringBuilder();
		out.append("### Saga: ").append(label).append("\n\n");
		out.append("- Documents stored when the run started: ").append(documents(result.documents())).append('\n');
		out.append(String.format(Locale.ROOT,
				"- Load: orders of one `%s` placed through the gateway by %d users, each with its notification stream "
						+ "open; %d s per rate, open loop; the floor %d s at the same rate before each; "
						+ "warm-up %d s at %s orders/s (not reported); a rate's orders get %d s to settle.%n",
				settings.product(), settings.users(), settings.seconds(), settings.floorSeconds(),
				settings.warmupSeconds(), SagaBenchmark.rate(settings.warmupRate()), settings.drain().toSeconds()));
		result.warmup()
			.ifPresent((warmup) -> out.append(String.format(Locale.ROOT,
					"- Warm-up right after `./platform up`: %d of %d orders accepted%s, %d settled, p50 %s ms, p99 %s ms%n",
					warmup.accepted(), warmup.offered(),
					warmup.failures().isEmpty() ? ""
							: " (the others answered, by status, 0 for none: " + warmup.failures() + ")",
					warmup.settled(), millis(warmup.broker().p50()), millis(warmup.broker().p99()))));
		out.append("- Highest rate sustained: **")
			.append(result.highest().map((rate) -> SagaBenchmark.rate(rate) + " orders/s").orElse("none of the rates"))
			.append("**\n\n");

		out.append("Latency in ms; in brackets, the ratio to the floor's figure of the same percentile.\n\n");
		out.append("| orders/s offered | accepted | settled / seen | OrderPlaced → settled p50 | p90 | p99 | max "
				+ "| POST answered → seen p50 | p90 | p99 | max | floor p50 | floor p99 | POST p50 / p99 | sustained |\n");
		out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (SagaBenchmark.Step step : result.steps()) {
			Latencies floor = step.floor();
			out.append(String.format(Locale.ROOT,
					"| %s | %d of %d | %d / %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |%n",
					SagaBenchmark.rate(step.rate()), step.accepted(), step.offered(), step.settled(), step.seen(),
					ratio(step.broker().p50(), floor.p50()), millis(step.broker().p90()),
					ratio(step.broker().p99(), floor.p99()), millis(step.broker().max()),
					ratio(step.client().p50(), floor.p50()), millis(step.client().p90()),
					ratio(step.client().p99(), floor.p99()), millis(step.client().max()), millis(floor.p50()),
					millis(floor.p99()), millis(step.post().p50()), millis(step.post().p99()),
					step.shortfall().map((why) -> "no: " + why).orElse("yes")));
		}
		out.append('\n');

		List<String> processes = processes(result);
		out.append("CPU ms per accepted order (user + system, from the start of a rate until its orders settled):\n\n");
		out.append("| orders/s offered |");
		processes.forEach((name) -> out.append(' ').append(name).append(" |"));
		out.append(" **platform** | load generator |\n|---:|");
		out.append("---:|".repeat(processes.size() + 2)).append('\n');
		for (SagaBenchmark.Step step : result.steps()) {
			double orders = Math.max(1, step.accepted());
			out.append("| ").append(SagaBenchmark.rate(step.rate())).append(" |");
			long platform = 0;
			for (String name : processes) {
				long cpu = step.cpuMillis().getOrDefault(name, 0L);
				platform += cpu;
				out.append(' ').append(oneDecimal(cpu / orders)).append(" |");
			}
			out.append(" **")
				.append(oneDecimal(platform / orders))
				.append("** | ")
				.append(oneDecimal(step.cpuMillis().getOrDefault(ProcessStats.LOAD_GENERATOR, 0L) / orders))
				.append(" |\n");
		}
		out.append('\n');

		out.append("Resident memory (VmRSS) after the last rate, MiB:\n\n|");
		processes.forEach((name) -> out.append(' ').append(name).append(" |"));
		out.append(" **platform** | load generator |\n|");
		out.append("---:|".repeat(processes.size() + 2)).append("\n|");
		long platform = 0;
		for (String name : processes) {
			long kib = result.rssKib().getOrDefault(name, 0L);
			platform += kib;
			out.append(' ').append(kib / 1024).append(" |");
		}
		out.append(" **")
			.append(platform / 1024)
			.append("** | ")
			.append(result.rssKib().getOrDefault(ProcessStats.LOAD_GENERATOR, 0L) / 1024)
			.append(" |\n\n");
		return out.toString();
	}

	/**
	 * One line per rate: rate, OrderPlaced → settled p50 and p99, POST answered → seen
	 * p50 and p99, the floor's p50 and p99, 1 if sustained else 0.
	 */
	static String plotData(SagaBenchmark.Result result) {
		StringBuilder out = new StringBuilder(
				"# rate broker_p50 broker_p99 client_p50 client_p99 floor_p50 floor_p99 sustained\n");
		for (SagaBenchmark.Step step : result.steps()) {
			out.append(String.format(Locale.ROOT, "%s %s %s %s %s %s %s %d%n", SagaBenchmark.rate(step.rate()),
					data(step.broker().p50()), data(step.broker().p99()), data(step.client().p50()),
					data(step.client().p99()), data(step.floor().p50()), data(step.floor().p99()),
					step.shortfall().isEmpty() ? 1 : 0));
		}
		return out.toString();
	}

	private static List<String> processes(SagaBenchmark.Result result) {
		List<String> names = new ArrayList<>();
		for (String component : ProcessStats.COMPONENTS) {
			if (result.rssKib().containsKey(component)
					|| result.steps().stream().anyMatch((step) -> step.cpuMillis().containsKey(component))) {
				names.add(component);
			}
		}
		return names;
	}

	static String documents(Map<String, Long> counts) {
		Map<String, Long> byDatabase = new TreeMap<>();
		counts.forEach((name, count) -> byDatabase.merge(name.substring(0, name.indexOf('.')), count, Long::sum));
		long total = byDatabase.values().stream().mapToLong(Long::longValue).sum();
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "**%,d**", total));
		if (!counts.isEmpty()) {
			out.append(" (");
			List<String> parts = new ArrayList<>();
			counts.forEach((name, count) -> parts.add(String.format(Locale.ROOT, "%s %,d", name, count)));
			out.append(String.join(", ", parts)).append(')');
		}
		return out.toString();
	}

	static String millis(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		return (Math.abs(value) < 10) ? String.format(Locale.ROOT, "%.1f", value)
				: String.format(Locale.ROOT, "%,.0f", value);
	}

	static String ratio(double value, double floor) {
		if (Double.isNaN(value) || Double.isNaN(floor) || floor <= 0) {
			return millis(value);
		}
		return millis(value) + String.format(Locale.ROOT, " (%.1f×)", value / floor);
	}

	private static String oneDecimal(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String data(double value) {
		return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.1f", value);
	}

}
