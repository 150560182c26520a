package dev.microshop.gateway.canary;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway splits each service's traffic between the versions of it that run side
 * by side, until an administrator changes that through {@code /actuator/canary}.
 *
 * @param defaultVersion the version of an instance that registers none in its discovery
 * metadata ({@code version}); a service without weights sends all its traffic to this
 * version while it has an instance
 * @param weights the initial weights per service id and version, for example
 * {@code order-service: {v1: 90, v2: 10}}; service ids are matched ignoring case and
 * dashes, because an environment variable cannot spell a dash in a map key
 * ({@code MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V2=10}), and such a variable overrides
 * that one version's weight from a configuration file
 */
@ConfigurationProperties("microshop.canary")
record CanaryProperties(@DefaultValue("v1") String defaultVersion, Map<String, Map<String, Integer>> weights) {

	CanaryProperties {
		weights = (weights != null) ? Map.copyOf(weights) : Map.of();
	}

}
