package dev.microshop.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PromQl} finds the metric names of the expressions the dashboards and rules use,
 * and nothing else: a name it missed would go unchecked, a word it took for a name would
 * fail the check of a correct dashboard. Pure: no platform.
 */
class PromQlTests {

	@Test
	void aHistogramQuantileReadsOnlyTheBucketSeries() {
		assertThat(
				PromQl.metricNames("histogram_quantile(0.99, sum by (le, application) (rate(x_bucket{a=\"b\"}[5m])))"))
			.containsExactly("x_bucket");
	}

	@Test
	void grafanaVariablesRangesAndLabelValuesAreNotNames() {
		assertThat(PromQl.metricNames("sum by (uri, status) (rate(http_server_requests_seconds_count"
				+ "{application=\"$application\", status=~\"5..\"}[$__rate_interval]))"))
			.containsExactly("http_server_requests_seconds_count");
		assertThat(PromQl.metricNames("rate(up{job=~\"${job:regex}\"}[[[interval]]])")).containsExactly("up");
	}

	@Test
	void aRatioReadsBothSidesAndAggregationsAfterTheirClause() {
		assertThat(PromQl.metricNames("sum(rate(errors_total[5m])) by (application) / ignoring(status) "
				+ "group_left(version) sum without (instance) (rate(requests_total[5m] offset 1h))"))
			.containsExactly("errors_total", "requests_total");
	}

	@Test
	void keywordsNumbersAndComparisonsAreNotNames() {
		assertThat(PromQl.metricNames("(a_total > bool 0.5e-3) and on (application) b_seconds_max or vector(1) "
				+ "unless c_bytes offset 5m == Inf"))
			.containsExactly("a_total", "b_seconds_max", "c_bytes");
		assertThat(PromQl.metricNames("max_over_time(resilience4j_circuitbreaker_state{state=\"open\"}[1m]) == 1"))
			.containsExactly("resilience4j_circuitbreaker_state");
	}

	@Test
	void labelValuesWithBracesOrCommasAreNotNames() {
		assertThat(PromQl.metricNames("sum by (le) (rate(x_bucket{uri=\"/api/orders/{id}\", le!=\"a, b (c)\"}[1m]))"))
			.containsExactly("x_bucket");
	}

	@Test
	void aNameMatcherAndARecordingRuleNameAreNames() {
		assertThat(PromQl.metricNames("{__name__=\"jvm_memory_used_bytes\", area=\"heap\"}"))
			.containsExactly("jvm_memory_used_bytes");
		assertThat(PromQl.metricNames("application:http_server_requests_5xx:ratio_rate5m > 0.05"))
			.containsExactly("application:http_server_requests_5xx:ratio_rate5m");
	}

	@Test
	void grafanasLabelValuesQueryReadsItsMetric() {
		assertThat(PromQl.metricNames("label_values(process_uptime_seconds, application)"))
			.containsExactly("process_uptime_seconds");
		assertThat(PromQl.metricNames("label_values(up{job=\"x\"}, instance)")).containsExactly("up");
	}

	@Test
	void theObservabilityConfigurationListsEveryQueryWithItsSource() {
		PromQl.Queries queries = PromQl.queries(Path.of("..", "infra", "observability"));
		assertThat(queries.expressions()).containsKeys("alerts.yml: alert SagaSlow",
				"alerts.yml: record application:http_server_requests_5xx:ratio_rate5m",
				"service.json: variable application", "kafka-saga.json: panel \"Consumer lag\" A");
		assertThat(queries.recordingRules()).contains("application:http_server_requests_5xx:ratio_rate5m",
				"outcome:microshop_saga_duration_seconds:p99_5m");
		assertThat(queries.exposedMetricNames())
			.contains("up", "http_server_requests_seconds_bucket", "microshop_saga_duration_seconds_bucket",
					"kafka_consumer_fetch_manager_records_lag_max", "microshop_deadletters_pending",
					"process_uptime_seconds")
			.doesNotContainAnyElementsOf(queries.recordingRules())
			.allMatch((name) -> name.matches("[a-z_][a-z0-9_]*"), "plain metric names");
	}

}
