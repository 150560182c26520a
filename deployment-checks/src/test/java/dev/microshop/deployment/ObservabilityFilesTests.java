package dev.microshop.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.microshop.deployment.ComposeFile.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Grafana provisioning and dashboards and the OpenTelemetry Collector configuration
 * follow their rules, and the compose profile mounts them where they point; each rule
 * reports the fixture that breaks it.
 */
class ObservabilityFilesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theDashboardsAreValidAndQueryProvisionedDataSources() throws IOException {
		Map<String, JsonNode> dashboards = dashboards(Observability.path(Observability.GRAFANA + "/dashboards"));
		assertThat(dashboards).containsOnlyKeys("kafka-saga.json", "platform-overview.json", "service.json");
		Set<String> datasources = datasourceUids(Repository
			.read(Observability.path(Observability.GRAFANA + "/provisioning/datasources/datasources.yaml")));
		assertThat(datasources).containsExactlyInAnyOrder("prometheus", "jaeger");
		Violations.assertNone("the Grafana dashboards", GrafanaRules.check(dashboards, datasources));
	}

	@Test
	void eachDashboardRuleReportsWhatBreaksIt() throws IOException {
		Path fixtures = Path.of("src/test/resources/fixtures/grafana").toAbsolutePath();
		Map<String, JsonNode> dashboards = dashboards(fixtures);
		assertThat(GrafanaRules.check(dashboards, Set.of("prometheus")))
			.extracting(Violation::file, Violation::subject, Violation::rule)
			.containsExactlyInAnyOrder(tuple("same-uid.json", "dashboard", GrafanaRules.UNIQUE_UID),
					tuple("broken.json", "panel \"No query\"", GrafanaRules.PANEL_QUERIES),
					tuple("broken.json", "panel \"Unknown data source\"", GrafanaRules.KNOWN_DATASOURCES));
	}

	@Test
	void aDashboardThatIsNotJsonIsRefused() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> JSON.readTree(Fixtures.read("grafana-invalid/trailing-comma.json")));
	}

	@Test
	void theDashboardProviderReadsTheFolderComposeMounts() {
		Map<String, Object> providers = Observability.yaml("dashboards.yaml", Repository
			.read(Observability.path(Observability.GRAFANA + "/provisioning/dashboards/dashboards.yaml")));
		String path = Observability.string(Observability
			.map(Observability.map(Observability.list(providers.get("providers")).get(0)).get("options"))
			.get("path"));
		assertThat(grafana().list("volumes")).map(String::valueOf)
			.contains("../infra/observability/grafana/dashboards:" + path + ":ro",
					"../infra/observability/grafana/provisioning:/etc/grafana/provisioning:ro");
	}

	@Test
	void theCollectorPipelinesAreWired() {
		Map<String, Object> config = Observability.yaml(Observability.COLLECTOR,
				Repository.read(Observability.path(Observability.COLLECTOR)));
		Violations.assertNone(Observability.COLLECTOR, CollectorRules.check(Observability.COLLECTOR, config));
		// The debug exporter is defined, to be switched on, but off.
		assertThat(Observability.map(config.get("exporters"))).containsKey("debug");
		assertThat(Observability.map(Observability.map(config.get("service")).get("pipelines")).values())
			.allSatisfy((pipeline) -> assertThat(Observability.list(Observability.map(pipeline).get("exporters")))
				.doesNotContain("debug"));
	}

	@Test
	void eachCollectorRuleReportsWhatBreaksIt() {
		String name = "otel-collector/miswired.yaml";
		List<Violation> violations = CollectorRules.check(name, Observability.yaml(name, Fixtures.read(name)));
		assertThat(violations).extracting(Violation::subject, Violation::rule, Violation::detail)
			.containsExactlyInAnyOrder(
					tuple("pipeline traces", CollectorRules.PIPELINES_WIRED,
							"exporters: otlp/tempo is not defined under exporters:"),
					tuple("service.extensions", CollectorRules.PIPELINES_WIRED,
							"extensions: health_check is not defined under extensions:"),
					tuple("pipeline traces", CollectorRules.MEMORY_LIMITER_FIRST,
							"processors [batch, memory_limiter]: memory_limiter must come first, to refuse data before the limit"));
	}

	@Test
	void composeMountsTheObservabilityFilesReadOnly() {
		ComposeFile compose = ComposeFile.load(Repository.root().resolve("compose/compose.yaml"));
		Map<String, Service> services = new LinkedHashMap<>();
		compose.services()
			.stream()
			.filter(ComposeRules::isObservability)
			.forEach((service) -> services.put(service.name(), service));
		assertThat(services).containsOnlyKeys("otel-collector", "jaeger", "prometheus", "grafana");
		services.values()
			.forEach((service) -> service.list("volumes")
				.stream()
				.map(String::valueOf)
				.filter((volume) -> volume.startsWith("../infra/"))
				.forEach((volume) -> {
					assertThat(volume).as("%s mounts %s", service.name(), volume).endsWith(":ro");
					Path source = Repository.root().resolve("compose").resolve(volume.split(":")[0]).normalize();
					assertThat(source).as("%s mounts %s", service.name(), volume).exists();
				}));
		assertThat(services.get("otel-collector").list("volumes")).map(String::valueOf)
			.contains("../infra/observability/otel-collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro");
		assertThat(services.get("prometheus").list("volumes")).map(String::valueOf)
			.contains("../infra/observability/prometheus:/etc/prometheus:ro");
	}

	private static Service grafana() {
		return ComposeFile.load(Repository.root().resolve("compose/compose.yaml"))
			.services()
			.stream()
			.filter((service) -> service.name().equals("grafana"))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, JsonNode> dashboards(Path directory) throws IOException {
		Map<String, JsonNode> dashboards = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				dashboards.put(file.getFileName().toString(), JSON.readTree(Files.readString(file)));
			}
		}
		return dashboards;
	}

	private static Set<String> datasourceUids(String yaml) {
		Set<String> uids = new TreeSet<>();
		for (Object datasource : Observability.list(Observability.yaml("datasources.yaml", yaml).get("datasources"))) {
			uids.add(Observability.string(Observability.map(datasource).get("uid")));
		}
		return uids;
	}

}
