package dev.microshop.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Adds {@code microshop-defaults.yml} as the lowest-precedence configuration of every
 * service: the cross-cutting defaults (actuator probes, discovery, logging) are written
 * once, and any service's {@code application.yml} or environment variable overrides them.
 * <p>
 * Also turns {@code OTLP_TRACING_ENDPOINT} into the OTLP span exporter's endpoint when it
 * is set and not blank. Boot creates the exporter as soon as its endpoint property
 * exists, even empty, so a compose file that passes {@code OTLP_TRACING_ENDPOINT=}
 * through could not leave the export off with Boot's own property.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

	private static final String LOCATION = "microshop-defaults.yml";

	private static final String TRACING_ENDPOINT = "OTLP_TRACING_ENDPOINT";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new YamlPropertySourceLoader().load(LOCATION, new ClassPathResource(LOCATION))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String endpoint = environment.getProperty(TRACING_ENDPOINT);
		if (StringUtils.hasText(endpoint)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(TRACING_ENDPOINT,
						Map.of("management.opentelemetry.tracing.export.otlp.endpoint", endpoint.strip())));
		}
	}

}
