package dev.microshop.common.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDefaultsTests {

	private static final String EXPORT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Test
	void spansAreExportedToTheEndpointGiven() {
		StandardEnvironment environment = postProcessed(
				Map.of("OTLP_TRACING_ENDPOINT", " http://otel-collector:4318/v1/traces "));

		assertThat(environment.getProperty(EXPORT_ENDPOINT)).isEqualTo("http://otel-collector:4318/v1/traces");
	}

	@Test
	void anEmptyOrMissingEndpointLeavesTheExportOff() {
		// Boot creates the exporter as soon as its endpoint property exists, even empty.
		assertThat(postProcessed(Map.of("OTLP_TRACING_ENDPOINT", "")).containsProperty(EXPORT_ENDPOINT)).isFalse();
		assertThat(postProcessed(Map.of("OTLP_TRACING_ENDPOINT", "  ")).containsProperty(EXPORT_ENDPOINT)).isFalse();
		assertThat(postProcessed(Map.of()).containsProperty(EXPORT_ENDPOINT)).isFalse();
	}

	@Test
	void theSharedDefaultsComeLastSoThatAServiceOverridesThem() {
		StandardEnvironment environment = postProcessed(Map.of("management.tracing.sampling.probability", "0.25"));

		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	private static StandardEnvironment postProcessed(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
