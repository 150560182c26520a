package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The rules of the Grafana dashboards ({@code infra/observability/grafana/dashboards}):
 * each has its own uid, every panel queries something, and every data source it names is
 * one that provisioning creates.
 */
final class GrafanaRules {

	static final String UNIQUE_UID = "unique uid";

	static final String PANEL_QUERIES = "every panel has a query";

	static final String KNOWN_DATASOURCES = "data sources provisioned";

	/** Panels that show no data of their own. */
	private static final Set<String> WITHOUT_QUERY = Set.of("row", "text", "dashlist", "news");

	private GrafanaRules() {
	}

	/**
	 * Checks the dashboards together.
	 * @param dashboards each dashboard's file name and parsed JSON
	 * @param datasourceUids the uids of the provisioned data sources
	 * @return every violation
	 */
	static List<Violation> check(Map<String, JsonNode> dashboards, Set<String> datasourceUids) {
		List<Violation> violations = new ArrayList<>();
		Map<String, String> uids = new HashMap<>();
		dashboards.forEach((file, dashboard) -> {
			List<Rule<JsonNode>> rules = List.of(
					new Rule<>(UNIQUE_UID, (d, report) -> uniqueUid(file, d, uids, report)),
					new Rule<>(PANEL_QUERIES, GrafanaRules::panelQueries),
					new Rule<>(KNOWN_DATASOURCES, (d, report) -> knownDatasources(d, datasourceUids, report)));
			violations.addAll(Rule.applyAll(file, dashboard, rules));
		});
		return violations;
	}

	/**
	 * Every panel, those inside collapsed rows included.
	 * @param dashboard the dashboard
	 * @return the panels in file order
	 */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			for (JsonNode nested : panel.path("panels")) {
				panels.add(nested);
			}
		}
		return panels;
	}

	private static void uniqueUid(String file, JsonNode dashboard, Map<String, String> uids, Rule.Report report) {
		String uid = dashboard.path("uid").asString("");
		if (uid.isBlank()) {
			report.problem("dashboard", "no uid: Grafana would make a new one on each start, breaking links");
			return;
		}
		String other = uids.putIfAbsent(uid, file);
		if (other != null) {
			report.problem("dashboard", "uid " + uid + " is also the uid of " + other);
		}
	}

	private static void panelQueries(JsonNode dashboard, Rule.Report report) {
		for (JsonNode panel : panels(dashboard)) {
			if (WITHOUT_QUERY.contains(panel.path("type").asString(""))) {
				continue;
			}
			List<String> expressions = new ArrayList<>();
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString("");
				if (!expr.isBlank()) {
					expressions.add(expr);
				}
			}
			if (expressions.isEmpty()) {
				report.problem(subject(panel), "no target with an expr: the panel shows nothing");
			}
		}
	}

	private static void knownDatasources(JsonNode dashboard, Set<String> datasourceUids, Rule.Report report) {
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			checkDatasource(variable.path("datasource"), "variable " + variable.path("name").asString(""),
					datasourceUids, report);
		}
		for (JsonNode panel : panels(dashboard)) {
			checkDatasource(panel.path("datasource"), subject(panel), datasourceUids, report);
			for (JsonNode target : panel.path("targets")) {
				checkDatasource(target.path("datasource"), subject(panel), datasourceUids, report);
			}
		}
	}

	private static void checkDatasource(JsonNode datasource, String subject, Set<String> datasourceUids,
			Rule.Report report) {
		if (datasource.isMissingNode() || datasource.isNull()) {
			return;
		}
		// A data source named only by name ("Prometheus") depends on what someone called
		// it.
		String uid = datasource.isString() ? null : datasource.path("uid").asString(null);
		if (uid == null) {
			report.problem(subject, "data source " + datasource + " without uid");
		}
		else if (!uid.startsWith("$") && !datasourceUids.contains(uid)) {
			report.problem(subject, "data source uid " + uid + " is not provisioned (" + datasourceUids + ")");
		}
	}

	private static String subject(JsonNode panel) {
		return "panel \"" + panel.path("title").asString("") + "\"";
	}

}
