package dev.microshop.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads secrets from files named by {@code NAME_FILE} environment variables, the Docker
 * and Swarm convention ({@code /run/secrets/...}):
 * {@code MONGODB_URI_FILE=/run/secrets/mongodb_uri} makes {@code ${MONGODB_URI}} resolve
 * to the file's content, exactly as if {@code MONGODB_URI} had been set in the
 * environment, relaxed binding included ({@code SPRING_MONGODB_URI_FILE} sets
 * {@code spring.mongodb.uri}).
 * <p>
 * The rule:
 * <ul>
 * <li>Every environment variable whose name ends in {@code _FILE} and whose value is not
 * blank names a secret file, except those in {@link #PATH_VARIABLES}: variables that are
 * themselves a path the application or a library opens, not a secret to inline.</li>
 * <li>The content is the file's text (UTF-8) with one trailing line break removed, since
 * {@code echo secret > file} adds one.</li>
 * <li>Setting both {@code NAME} and {@code NAME_FILE} is an error, as in the official
 * images: one would silently win over the other.</li>
 * <li>A file that cannot be read fails the start, naming the variable and the path, never
 * the content.</li>
 * </ul>
 * The values sit just after the system environment, before every configuration file, and
 * are added before the configuration files are read, so that a secret can also hold a
 * profile or an import.
 */
public class FileSecrets implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the secrets. Its suffix makes Spring Boot bind
	 * it like the system environment ({@code MONGODB_URI} to {@code mongodb.uri}).
	 */
	public static final String PROPERTY_SOURCE_NAME = "microshopFileSecrets-"
			+ StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	/**
	 * {@code _FILE} variables that are paths, read as such: {@code JWT_SIGNING_KEY_FILE}
	 * (user-service opens the PEM file itself, see its {@code JwtProperties}) and
	 * {@code LOG_FILE} (the file Spring Boot's logging writes, which need not exist yet).
	 * A new {@code *_FILE} variable that is consumed as a path belongs here.
	 */
	public static final Set<String> PATH_VARIABLES = Set.of("JWT_SIGNING_KEY_FILE", "LOG_FILE");

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
		Map<String, Object> secrets = new LinkedHashMap<>();
		String[] names = variables.getPropertyNames();
		// Sorted: with several mistakes, the same one is reported on every start.
		Arrays.sort(names);
		for (String variable : names) {
			String name = variable.substring(0, Math.max(0, variable.length() - SUFFIX.length()));
			Object path = variables.getProperty(variable);
			if (!variable.endsWith(SUFFIX) || name.isEmpty() || PATH_VARIABLES.contains(variable) || path == null
					|| path.toString().isBlank()) {
				continue;
			}
			if (variables.containsProperty(name)) {
				throw new IllegalStateException("Both " + name + " and " + variable + " are set: set only one ("
						+ variable + " names a file holding the value)");
			}
			secrets.put(name, read(variable, Path.of(path.toString())));
		}
		sources.remove(PROPERTY_SOURCE_NAME);
		if (!secrets.isEmpty()) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(PROPERTY_SOURCE_NAME, secrets));
		}
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
					variable + " names " + path + ", which cannot be read (" + ex.getClass().getSimpleName() + ")", ex);
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
