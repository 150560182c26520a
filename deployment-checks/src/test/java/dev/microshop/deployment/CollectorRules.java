package dev.microshop.deployment;

import java.util.List;
import java.util.Map;

/**
 * The rules of the OpenTelemetry Collector configuration: every pipeline is wired to
 * components the file defines (the collector refuses to start otherwise, which nothing
 * here can run), and the memory limiter comes first.
 */
final class CollectorRules {

	static final String PIPELINES_WIRED = "pipelines use defined components";

	static final String MEMORY_LIMITER_FIRST = "memory_limiter first";

	static final List<Rule<Map<String, Object>>> RULES = List.of(
			new Rule<>(PIPELINES_WIRED, CollectorRules::pipelinesWired),
			new Rule<>(MEMORY_LIMITER_FIRST, CollectorRules::memoryLimiterFirst));

	private CollectorRules() {
	}

	static List<Violation> check(String name, Map<String, Object> config) {
		return Rule.applyAll(name, config, RULES);
	}

	private static void pipelinesWired(Map<String, Object> config, Rule.Report report) {
		Map<String, Object> service = Observability.map(config.get("service"));
		Map<String, Object> pipelines = Observability.map(service.get("pipelines"));
		if (pipelines.isEmpty()) {
			report.problem("service.pipelines", "no pipeline: the collector would do nothing");
		}
		pipelines.forEach((name, definition) -> {
			Map<String, Object> pipeline = Observability.map(definition);
			for (String kind : List.of("receivers", "exporters")) {
				if (Observability.list(pipeline.get(kind)).isEmpty()) {
					report.problem("pipeline " + name, "no " + kind);
				}
			}
			for (String kind : List.of("receivers", "processors", "exporters")) {
				defined(config, kind, Observability.list(pipeline.get(kind)), "pipeline " + name, report);
			}
		});
		defined(config, "extensions", Observability.list(service.get("extensions")), "service.extensions", report);
	}

	private static void defined(Map<String, Object> config, String kind, List<Object> used, String subject,
			Rule.Report report) {
		Map<String, Object> components = Observability.map(config.get(kind));
		for (Object component : used) {
			if (!components.containsKey(String.valueOf(component))) {
				report.problem(subject, kind + ": " + component + " is not defined under " + kind + ":");
			}
		}
	}

	private static void memoryLimiterFirst(Map<String, Object> config, Rule.Report report) {
		Map<String, Object> pipelines = Observability.map(Observability.map(config.get("service")).get("pipelines"));
		pipelines.forEach((name, definition) -> {
			List<Object> processors = Observability.list(Observability.map(definition).get("processors"));
			if (processors.isEmpty() || !String.valueOf(processors.get(0)).startsWith("memory_limiter")) {
				report.problem("pipeline " + name, "processors " + processors
						+ ": memory_limiter must come first, to refuse data before the limit");
			}
		});
	}

}
