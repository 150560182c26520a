package dev.microshop.gateway.canary;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of every service's load balancer: discovered, cached, then narrowed
 * to one version per request. Registered in each service's load balancer context by
 * {@link CanaryConfiguration}; deliberately not a {@code @Configuration}, so that
 * component scanning does not also register it in the application context.
 */
class CanaryLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier canaryServiceInstanceListSupplier(ConfigurableApplicationContext context,
			CanaryRouting routing) {
		// Built apart and wrapped by hand, so the cache holds the whole list whatever
		// order the builder gives the suppliers it chains.
		ServiceInstanceListSupplier cached = ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.withCaching()
			.build(context);
		return new CanaryServiceInstanceListSupplier(cached, routing);
	}

}
