package dev.microshop.deployment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The repository's alerts follow {@link AlertRules}, and each rule reports the fixture
 * alert that breaks it.
 */
class AlertRulesTests {

	@Test
	void theAlertsAreActionableAndTested() {
		String directory = Observability.PROMETHEUS;
		Map<String, Object> rules = load(directory + "/alerts.yml");
		assertThat(AlertRules.alerts(rules)).extracting((alert) -> alert.get("alert"))
			.contains("InstanceDown", "HighErrorRate", "CircuitBreakerOpen", "DeadLettersPending", "ConsumerLagHigh",
					"SagaSlow");
		Violations.assertNone(directory + "/alerts.yml",
				AlertRules.check(directory + "/alerts.yml", rules, load(directory + "/alerts.test.yml")));
	}

	@Test
	void eachRuleReportsTheAlertThatBreaksIt() {
		Map<String, Object> rules = fixture("prometheus/incomplete-alerts.yml");
		Map<String, Object> tests = fixture("prometheus/incomplete-alerts.test.yml");
		List<Violation> violations = AlertRules.check("incomplete-alerts.yml", rules, tests);
		assertThat(violations).extracting(Violation::subject, Violation::rule)
			.containsExactlyInAnyOrder(tuple("alert NoFor", AlertRules.FOR),
					tuple("alert NoSeverity", AlertRules.SEVERITY),
					tuple("alert NoDescription", AlertRules.ANNOTATIONS), tuple("alert NeverFires", AlertRules.TESTED),
					tuple("alert AlwaysFires", AlertRules.TESTED));
	}

	private static Map<String, Object> load(String path) {
		return Observability.yaml(path, Repository.read(Observability.path(path)));
	}

	private static Map<String, Object> fixture(String path) {
		return Observability.yaml(path, Fixtures.read(path));
	}

}
