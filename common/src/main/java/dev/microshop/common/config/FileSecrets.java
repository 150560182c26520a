package dev.microshop.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads secrets from files named by {@code NAME_FILE} environment variables, the Docker
 * and Swarm convention: with {@code MONGODB_URI_FILE=/run/secrets/mongodb_uri}, the
 * placeholder {@code ${MONGODB_URI:...}} in {@code application.yml} resolves to the
 * file's content, as if {@code MONGODB_URI} were set.
 * <p>
 * The rule, chosen so that no {@code _FILE} variable that means something else is broken:
 * <ul>
 * <li>A file is read only when the configuration asks for {@code NAME}, which for the
 * platform's {@code ${NAME:default}} placeholders happens during start-up. Variables
 * nobody asks for by that name are left alone: those of other tools
 * ({@code SSL_CERT_FILE}, {@code TF_CLI_CONFIG_FILE}) and those whose value is a path the
 * application opens itself ({@code JWT_SIGNING_KEY_FILE}, read by user-service, is
 * referenced as {@code ${JWT_SIGNING_KEY_FILE}}, never as {@code ${JWT_SIGNING_KEY}}).
 * Hence no list of exceptions to keep up to date.</li>
 * <li>Only that exact name: {@code ${NAME}} placeholders, not relaxed binding
 * ({@code SPRING_MONGODB_URI_FILE} does not set {@code spring.mongodb.uri}). Every
 * external setting of the platform is such a placeholder.</li>
 * <li>The content is the file's text (UTF-8) with one trailing line break removed, since
 * {@code echo secret > file} adds one.</li>
 * <li>Setting both {@code NAME} and {@code NAME_FILE} fails the start, naming both, as in
 * the official images: otherwise one would silently win.</li>
 * <li>A file that cannot be read fails the start, naming the variable and the path, never
 * the content.</li>
 * </ul>
 * The secrets take the precedence of the environment variables they stand for: after
 * system properties and command-line arguments, before every configuration file.
 */
public class FileSecrets implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the secrets. */
	public static final String PROPERTY_SOURCE_NAME = "microshopFileSecrets";

	private static final String SUFFIX = "_FILE";

	@Override
	public int getOrder() {
		// After Boot wraps the system environment, before it reads application.yml.
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> systemEnvironment = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (!(systemEnvironment instanceof EnumerablePropertySource<?> variables)) {
			return;
		}
		Map<String, String> files = new TreeMap<>();
		String[] names = variables.getPropertyNames();
		// Sorted: with several mistakes, the same one is reported on every start.
		Arrays.sort(names);
		for (String variable : names) {
			Object path = variables.getProperty(variable);
			if (!variable.endsWith(SUFFIX) || variable.length() == SUFFIX.length() || path == null
					|| path.toString().isBlank()) {
				continue;
			}
			String name = variable.substring(0, variable.length() - SUFFIX.length());
			if (variables.containsProperty(name)) {
				throw new IllegalStateException("Both " + name + " and " + variable + " are set: set only one ("
						+ variable + " names a file holding the value)");
			}
			files.put(name, path.toString());
		}
		sources.remove(PROPERTY_SOURCE_NAME);
		if (!files.isEmpty()) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new FileSecretsPropertySource(files));
		}
	}

	/**
	 * Not enumerable on purpose: whatever lists every property (Spring Cloud's decryption
	 * of {@code {cipher}} values, the actuator's env endpoint) would read every file,
	 * including those nobody asked for.
	 */
	static final class FileSecretsPropertySource extends PropertySource<Map<String, String>> {

		private final Map<String, String> values = new ConcurrentHashMap<>();

		FileSecretsPropertySource(Map<String, String> files) {
			super(PROPERTY_SOURCE_NAME, Map.copyOf(files));
		}

		@Override
		public Object getProperty(String name) {
			String path = getSource().get(name);
			return (path != null) ? this.values.computeIfAbsent(name, (key) -> read(key + SUFFIX, Path.of(path)))
					: null;
		}

		private static String read(String variable, Path path) {
			String content;
			try {
				content = Files.readString(path, StandardCharsets.UTF_8);
			}
			catch (IOException | SecurityException ex) {
				// The exception's class says why (no such file, access denied, not UTF-8)
				// without quoting any of the content.
				throw new IllegalStateException(
						variable + " names " + path + ", which cannot be read (" + ex.getClass().getSimpleName() + ")",
						ex);
			}
			if (content.endsWith("\r\n")) {
				return content.substring(0, content.length() - 2);
			}
			if (content.endsWith("\n")) {
				return content.substring(0, content.length() - 1);
			}
			return content;
		}

	}

}
