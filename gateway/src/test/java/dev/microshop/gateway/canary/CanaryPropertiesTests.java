package dev.microshop.gateway.canary;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryPropertiesTests {

	@Test
	void initialWeightsCanComeFromEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V1", "90", "MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V2",
							"10", "MICROSHOP_CANARY_DEFAULTVERSION", "blue")));

		CanaryProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("microshop.canary", CanaryProperties.class);
		CanaryRouting routing = new CanaryRouting(properties);

		assertThat(routing.weights("order-service")).contains(VersionWeights.of(Map.of("v1", 90, "v2", 10)));
		assertThat(routing.defaultVersion()).isEqualTo("blue");
	}

	@Test
	void environmentVariablesOverrideSomeWeightsOfAConfigurationFile() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yml", Map.of("microshop.canary.weights.order-service.v1",
					"100", "microshop.canary.weights.order-service.v2", "0")));
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V1", "90", "MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V2",
							"10")));

		CanaryRouting routing = new CanaryRouting(new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("microshop.canary", CanaryProperties.class));

		assertThat(routing.allWeights())
			.containsOnly(Map.entry("order-service", VersionWeights.of(Map.of("v1", 90, "v2", 10))));
	}

	@Test
	void withoutConfigurationNoServiceHasWeights() {
		CanaryProperties properties = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
			.bindOrCreate("microshop.canary", CanaryProperties.class);

		assertThat(properties.defaultVersion()).isEqualTo("v1");
		assertThat(new CanaryRouting(properties).allWeights()).isEmpty();
	}

}
