package dev.microshop.common.discovery;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaAutoServiceRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaServiceRegistry;
import org.springframework.context.annotation.Bean;

/**
 * The {@link DiscoveryDrain} and {@link DiscoveryReadiness} of every instance that
 * registers in Eureka: not when the Eureka client is absent or disabled (tests), nor in
 * the registry itself.
 */
@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(EurekaAutoServiceRegistration.class)
@ConditionalOnBean(EurekaAutoServiceRegistration.class)
@ConditionalOnBooleanProperty(name = "eureka.client.register-with-eureka", matchIfMissing = true)
@EnableConfigurationProperties(ShutdownProperties.class)
public class DiscoveryDrainAutoConfiguration {

	@Bean
	DiscoveryDrain discoveryDrain(EurekaServiceRegistry registry, EurekaRegistration registration,
			ShutdownProperties properties) {
		return new DiscoveryDrain(registry, registration, properties.drain());
	}

	@Bean
	DiscoveryReadiness discoveryReadiness(EurekaRegistration registration) {
		return new DiscoveryReadiness(registration);
	}

}
