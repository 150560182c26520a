package dev.microshop.common.metrics;

import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The meter conventions every service and the gateway share (see
 * {@link PrometheusConventions}); the application tag and the HTTP histogram are set in
 * {@code microshop-defaults.yml}.
 */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
public class MeterConventionsAutoConfiguration {

	@Bean
	PrometheusConventions prometheusConventions() {
		return new PrometheusConventions();
	}

}
