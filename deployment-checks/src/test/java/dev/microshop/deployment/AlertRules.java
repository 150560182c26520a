package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What promtool does not check about the alerts: that each one tells an operator how
 * urgent it is and what to look at, waits before firing, and has a unit test where it
 * fires and one where it does not.
 */
final class AlertRules {

	static final String FOR = "waits before firing (for)";

	static final String SEVERITY = "severity label";

	static final String ANNOTATIONS = "summary and description";

	static final String TESTED = "a test where it fires and one where it does not";

	static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

	private AlertRules() {
	}

	/**
	 * Checks the alerts of a rule file against their unit tests.
	 * @param rules the rule file (Prometheus' {@code groups:} format)
	 * @param tests the unit test file ({@code promtool test rules} format)
	 * @return every violation
	 */
	static List<Violation> check(String name, Map<String, Object> rules, Map<String, Object> tests) {
		List<Map<String, Object>> alerts = alerts(rules);
		List<Rule<List<Map<String, Object>>>> checks = List.of(new Rule<>(FOR, AlertRules::waits),
				new Rule<>(SEVERITY, AlertRules::severity), new Rule<>(ANNOTATIONS, AlertRules::annotations),
				new Rule<>(TESTED, (list, report) -> tested(list, tests, report)));
		return Rule.applyAll(name, alerts, checks);
	}

	/**
	 * The alerting rules, in file order (recording rules are left out).
	 * @param rules the rule file
	 * @return each alert's definition
	 */
	static List<Map<String, Object>> alerts(Map<String, Object> rules) {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (Object group : Observability.list(rules.get("groups"))) {
			for (Object rule : Observability.list(Observability.map(group).get("rules"))) {
				if (Observability.map(rule).containsKey("alert")) {
					alerts.add(Observability.map(rule));
				}
			}
		}
		return alerts;
	}

	private static void waits(List<Map<String, Object>> alerts, Rule.Report report) {
		for (Map<String, Object> alert : alerts) {
			String duration = Observability.string(alert.get("for"));
			if (duration == null || duration.isBlank() || duration.matches("0+[smhdwy]?")) {
				report.problem(subject(alert), "no `for`: one bad scrape would page someone");
			}
		}
	}

	private static void severity(List<Map<String, Object>> alerts, Rule.Report report) {
		for (Map<String, Object> alert : alerts) {
			String severity = Observability.string(Observability.map(alert.get("labels")).get("severity"));
			if (severity == null || !SEVERITIES.contains(severity)) {
				report.problem(subject(alert), "labels.severity is " + severity + ", not one of " + SEVERITIES);
			}
		}
	}

	private static void annotations(List<Map<String, Object>> alerts, Rule.Report report) {
		for (Map<String, Object> alert : alerts) {
			Map<String, Object> annotations = Observability.map(alert.get("annotations"));
			for (String key : List.of("summary", "description")) {
				String text = Observability.string(annotations.get(key));
				if (text == null || text.isBlank()) {
					report.problem(subject(alert), "no annotations." + key);
				}
			}
		}
	}

	private static void tested(List<Map<String, Object>> alerts, Map<String, Object> tests, Rule.Report report) {
		Set<String> firing = new LinkedHashSet<>();
		Set<String> silent = new LinkedHashSet<>();
		for (Object test : Observability.list(tests.get("tests"))) {
			for (Object alertTest : Observability.list(Observability.map(test).get("alert_rule_test"))) {
				Map<String, Object> expectation = Observability.map(alertTest);
				String name = Observability.string(expectation.get("alertname"));
				(Observability.list(expectation.get("exp_alerts")).isEmpty() ? silent : firing).add(name);
			}
		}
		for (Map<String, Object> alert : alerts) {
			String name = Observability.string(alert.get("alert"));
			if (!firing.contains(name)) {
				report.problem(subject(alert), "no alert_rule_test where it fires (exp_alerts with its labels)");
			}
			if (!silent.contains(name)) {
				report.problem(subject(alert), "no alert_rule_test where it does not fire (exp_alerts: [])");
			}
		}
	}

	private static String subject(Map<String, Object> alert) {
		return "alert " + alert.get("alert");
	}

}
