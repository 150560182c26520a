package dev.microshop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names PromQL expressions read, and every expression of the observability
 * configuration ({@code infra/observability/}: Grafana dashboards, Prometheus alert and
 * recording rules) with where it comes from, so that a test can check each name against
 * what the services really expose.
 * <p>
 * Hand-written because no library on Maven Central parses PromQL in Java; it covers the
 * plain PromQL the dashboards and rules keep to: metric names, label matchers, functions
 * and aggregations,
 * {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} label lists,
 * binary operators and keywords, ranges, offsets, numbers and Grafana variables
 * ({@code $application}, {@code ${x}}, {@code [[x]]}, {@code $__rate_interval}).
 */
final class PromQl {

	/** Words that are never metric names when not followed by {@code (}. */
	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");

	/** Aggregation operators, which may come before their {@code by (...)} clause. */
	private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
			"count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	/** Keywords followed by a parenthesised list of label names. */
	private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	/** {@code __name__="metric"} inside a selector. */
	private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

	/**
	 * Grafana's {@code label_values(metric_or_selector, label)}: only the first argument
	 * is PromQL.
	 */
	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PromQl() {
	}

	/**
	 * The metric names an expression reads, in order of appearance.
	 * @param expr a PromQL expression, possibly with Grafana variables, or a Grafana
	 * {@code label_values(...)} query
	 * @return the metric names (recording rules included: see
	 * {@link Queries#recordingRules()})
	 */
	static Set<String> metricNames(String expr) {
		Matcher labelValues = LABEL_VALUES.matcher(expr);
		String text = labelValues.matches() ? labelValues.group(1) : expr;
		Set<String> names = new LinkedHashSet<>();
		int i = 0;
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(text, i);
			}
			else if (c == '{') {
				int end = closing(text, i, '{', '}');
				Matcher name = NAME_MATCHER.matcher(text.substring(i, end));
				while (name.find()) {
					names.add((name.group(2) != null) ? name.group(2) : name.group(3));
				}
				i = end;
			}
			else if (c == '[') {
				// A range or subquery ([5m], [$__rate_interval], [1h:5m]) or Grafana's
				// [[variable]].
				i = closing(text, i, '[', ']');
			}
			else if (c == '$') {
				i = skipVariable(text, i);
			}
			else if (c == '#') {
				int newline = text.indexOf('\n', i);
				i = (newline < 0) ? length : newline;
			}
			else if (Character.isDigit(c) || (c == '.' && i + 1 < length && Character.isDigit(text.charAt(i + 1)))) {
				// Numbers (0.99, 1e3, 0x1f) and durations (5m, 1h30m).
				i++;
				while (i < length && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
						|| ((text.charAt(i) == '+' || text.charAt(i) == '-') && isExponent(text, i)))) {
					i++;
				}
			}
			else if (isIdentifierStart(c)) {
				int start = i;
				while (i < length && isIdentifierPart(text.charAt(i))) {
					i++;
				}
				String word = text.substring(start, i);
				int next = skipSpaces(text, i);
				boolean call = next < length && text.charAt(next) == '(';
				String lower = word.toLowerCase(Locale.ROOT);
				if (LABEL_LIST_KEYWORDS.contains(lower)) {
					if (call) {
						i = closing(text, next, '(', ')');
					}
				}
				else if (!call && !KEYWORDS.contains(lower)
						&& !(AGGREGATIONS.contains(lower) && groupingFollows(text, next))) {
					names.add(word);
				}
			}
			else {
				i++;
			}
		}
		return names;
	}

	/**
	 * Every expression of the dashboards ({@code grafana/dashboards/*.json}: panel
	 * targets and query variables) and of the rule files ({@code prometheus/*.yml} with
	 * {@code groups:}, unit tests left out) under a directory.
	 * @param observability the directory, e.g. {@code infra/observability}
	 * @return the expressions and the names of the recording rules
	 */
	static Queries queries(Path observability) {
		Map<String, String> expressions = new LinkedHashMap<>();
		Set<String> recordingRules = new LinkedHashSet<>();
		for (Path file : files(observability.resolve("grafana/dashboards"), ".json")) {
			JsonNode dashboard = JSON.readTree(read(file));
			String name = file.getFileName().toString();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (variable.path("type").asString("").equals("query")) {
					JsonNode query = variable.path("query");
					String expr = query.isObject() ? query.path("query").asString("") : query.asString("");
					put(expressions, name + ": variable " + variable.path("name").asString(""), expr);
				}
			}
			for (JsonNode panel : panels(dashboard)) {
				for (JsonNode target : panel.path("targets")) {
					put(expressions, name + ": panel \"" + panel.path("title").asString("") + "\" "
							+ target.path("refId").asString(""), target.path("expr").asString(""));
				}
			}
		}
		for (Path file : files(observability.resolve("prometheus"), ".yml")) {
			if (file.getFileName().toString().endsWith(".test.yml")) {
				continue;
			}
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
			if (!(document instanceof Map<?, ?> root) || !(root.get("groups") instanceof List<?> groups)) {
				continue;
			}
			for (Object group : groups) {
				for (Object rule : list(map(group).get("rules"))) {
					Map<?, ?> definition = map(rule);
					String expr = String.valueOf(definition.get("expr"));
					if (definition.get("record") != null) {
						String record = String.valueOf(definition.get("record"));
						recordingRules.add(record);
						put(expressions, file.getFileName() + ": record " + record, expr);
					}
					else {
						put(expressions, file.getFileName() + ": alert " + definition.get("alert"), expr);
					}
				}
			}
		}
		return new Queries(expressions, recordingRules);
	}

	private static void put(Map<String, String> expressions, String source, String expr) {
		if (!expr.isBlank()) {
			String key = source;
			for (int n = 2; expressions.containsKey(key); n++) {
				key = source + " #" + n;
			}
			expressions.put(key, expr);
		}
	}

	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	private static List<Path> files(Path directory, String extension) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(extension)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<?, ?> map(Object value) {
		return (value instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	private static int skipString(String text, int start) {
		char quote = text.charAt(start);
		int i = start + 1;
		while (i < text.length() && text.charAt(i) != quote) {
			i += (text.charAt(i) == '\\' && quote != '`') ? 2 : 1;
		}
		return Math.min(i + 1, text.length());
	}

	/**
	 * The index after the bracket that closes the one at {@code start}, strings skipped.
	 */
	private static int closing(String text, int start, char open, char close) {
		int depth = 0;
		int i = start;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(text, i);
				continue;
			}
			if (c == open) {
				depth++;
			}
			else if (c == close && --depth == 0) {
				return i + 1;
			}
			i++;
		}
		return text.length();
	}

	private static int skipVariable(String text, int start) {
		int i = start + 1;
		if (i < text.length() && text.charAt(i) == '{') {
			return closing(text, i, '{', '}');
		}
		while (i < text.length() && isIdentifierPart(text.charAt(i)) && text.charAt(i) != ':') {
			i++;
		}
		return i;
	}

	/**
	 * Whether {@code by} or {@code without} starts at {@code index}:
	 * {@code sum by (x) (...)}.
	 */
	private static boolean groupingFollows(String text, int index) {
		String rest = text.substring(index).toLowerCase(Locale.ROOT);
		return rest.matches("(?s)(by|without)\\s*\\(.*");
	}

	private static int skipSpaces(String text, int start) {
		int i = start;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isExponent(String text, int i) {
		char previous = text.charAt(i - 1);
		return previous == 'e' || previous == 'E';
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_' || c == ':';
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == ':';
	}

	/**
	 * The expressions of the observability configuration.
	 *
	 * @param expressions where each comes from (e.g.
	 * {@code service.json: panel "Uptime" A}, {@code alerts.yml: alert SagaSlow}) to the
	 * expression
	 * @param recordingRules the names the recording rules define: metric names the
	 * expressions read that Prometheus computes, not the services
	 */
	record Queries(Map<String, String> expressions, Set<String> recordingRules) {

		/**
		 * The metric names the expressions read that the services must expose.
		 * @return every name read, recording rules left out
		 */
		Set<String> exposedMetricNames() {
			Set<String> names = new LinkedHashSet<>();
			this.expressions.values().forEach((expr) -> names.addAll(metricNames(expr)));
			names.removeAll(this.recordingRules);
			return names;
		}

	}

}
