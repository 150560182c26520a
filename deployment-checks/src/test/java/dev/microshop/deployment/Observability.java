package dev.microshop.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The observability configuration under {@code infra/observability/} and small helpers to
 * read its YAML.
 */
final class Observability {

	static final String PROMETHEUS = "infra/observability/prometheus";

	static final String GRAFANA = "infra/observability/grafana";

	static final String COLLECTOR = "infra/observability/otel-collector/config.yaml";

	private Observability() {
	}

	static Path path(String relative) {
		return Repository.root().resolve(relative);
	}

	/**
	 * Parses one YAML document, refusing duplicate keys.
	 * @param name the file's name in messages
	 * @param yaml the text
	 * @return the document's top-level mapping
	 */
	static Map<String, Object> yaml(String name, String yaml) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		Object document = new Yaml(new SafeConstructor(options)).load(yaml);
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(name + " is not a YAML mapping");
		}
		return map(map);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? new ArrayList<>(list) : List.of();
	}

	static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
