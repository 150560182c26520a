package dev.microshop.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose or Swarm stack file, possibly with an override file merged on top, as the
 * rules need it: its services and its top-level sections. Anchors and merge keys
 * ({@code <<}) are resolved by the YAML parser.
 *
 * @param name the file (and override) as shown in messages
 * @param root the parsed document
 */
record ComposeFile(String name, Map<String, Object> root) {

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

	static ComposeFile load(Path file) {
		return parse(Repository.relative(file), Repository.read(file));
	}

	static ComposeFile parse(String name, String yaml) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		Object document = new Yaml(new SafeConstructor(options)).load(yaml);
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(name + " is not a YAML mapping");
		}
		return new ComposeFile(name, asMap(map));
	}

	/**
	 * This file with an override file merged on top, as {@code docker compose -f base -f
	 * override} and {@code docker stack deploy -c base -c override} read them: mappings
	 * merge key by key, {@code environment} merges by variable, any other value (lists
	 * included) is replaced.
	 * @param override the override file
	 * @return the merged file
	 */
	ComposeFile withOverride(ComposeFile override) {
		return new ComposeFile(this.name + " + " + Path.of(override.name()).getFileName(),
				merge(this.root, override.root()));
	}

	/**
	 * The services, in file order.
	 * @return the services
	 */
	List<Service> services() {
		List<Service> services = new ArrayList<>();
		section("services").forEach((name, definition) -> services
			.add(new Service(name, (definition instanceof Map<?, ?> map) ? asMap(map) : Map.of())));
		return services;
	}

	/**
	 * A top-level section such as {@code secrets}, {@code configs} or {@code volumes}.
	 * @param key the section
	 * @return its entries, empty when absent
	 */
	Map<String, Object> section(String key) {
		return (this.root.get(key) instanceof Map<?, ?> map) ? asMap(map) : Map.of();
	}

	/**
	 * Resolves compose interpolation to what is used when no variable is set:
	 * {@code ${NAME:-default}} and {@code ${NAME-default}} become the default, and a
	 * variable that must be set ({@code ${NAME}}, {@code ${NAME:?message}}) becomes
	 * {@code <NAME>}.
	 * @param text the text
	 * @return the resolved text
	 */
	static String defaults(String text) {
		Matcher matcher = INTERPOLATION.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			boolean hasDefault = matcher.group(2) != null && matcher.group(2).endsWith("-");
			String value = hasDefault ? matcher.group(3) : "<" + matcher.group(1) + ">";
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		override.forEach((key, value) -> {
			Object current = merged.get(key);
			if (key.equals("environment")) {
				Map<String, Object> environment = new LinkedHashMap<>(Service.environment(current));
				environment.putAll(Service.environment(value));
				merged.put(key, environment);
			}
			else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
				merged.put(key, merge(asMap(currentMap), asMap(valueMap)));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	/**
	 * One service.
	 *
	 * @param name the service's key
	 * @param definition its definition
	 */
	record Service(String name, Map<String, Object> definition) {

		/**
		 * A value at a dotted path, e.g. {@code deploy.resources.limits.memory}.
		 * @param path the path
		 * @return the value, or {@code null} when any part is missing
		 */
		Object get(String path) {
			Object current = this.definition;
			for (String key : path.split("\\.")) {
				if (!(current instanceof Map<?, ?> map)) {
					return null;
				}
				current = map.get(key);
			}
			return current;
		}

		String string(String path) {
			Object value = get(path);
			return (value != null) ? value.toString() : null;
		}

		List<Object> list(String path) {
			return (get(path) instanceof List<?> list) ? new ArrayList<>(list) : List.of();
		}

		ImageReference image() {
			String image = string("image");
			return (image != null) ? ImageReference.parse(image) : null;
		}

		/**
		 * Which of our six services this runs: its image is {@code microshop/<service>}.
		 * @return the service name, or {@code null} for any other image
		 */
		String ourService() {
			ImageReference image = image();
			return (image != null) ? image.ourService() : null;
		}

		/**
		 * The environment, in either of its forms (a mapping, or a list of
		 * {@code NAME=value}).
		 * @return name to value ({@code null} for a name passed through without value)
		 */
		Map<String, Object> environment() {
			return environment(get("environment"));
		}

		static Map<String, Object> environment(Object environment) {
			Map<String, Object> variables = new LinkedHashMap<>();
			if (environment instanceof Map<?, ?> map) {
				map.forEach((name, value) -> variables.put(String.valueOf(name), value));
			}
			else if (environment instanceof List<?> list) {
				for (Object entry : list) {
					String text = String.valueOf(entry);
					int equals = text.indexOf('=');
					variables.put((equals < 0) ? text : text.substring(0, equals),
							(equals < 0) ? null : text.substring(equals + 1));
				}
			}
			return variables;
		}

	}

}
