package dev.microshop.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code microshop-defaults.yml} as the lowest-precedence configuration of every
 * service: the cross-cutting defaults (actuator probes, discovery, logging) are written
 * once, and any service's {@code application.yml} or environment variable overrides them.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

	private static final String LOCATION = "microshop-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new YamlPropertySourceLoader().load(LOCATION, new ClassPathResource(LOCATION))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
