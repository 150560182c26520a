package dev.microshop.gateway.canary;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Canary and blue/green routing: the instances of a service register their version in
 * discovery, and the gateway splits the service's traffic between the versions by weight,
 * a signed-in user staying on one version.
 * <p>
 * Done in the load balancer, for every service, rather than with Spring Cloud Gateway's
 * {@code Weight} route predicate: that predicate chooses between routes of a group, each
 * with its own URI, so the versions would have to register as different service ids
 * ({@code order-service-v2}) with a copy of every route per version; it draws a random
 * number per request, so it cannot keep a user on one version; and its weights are route
 * definitions, changed only by redefining the routes. Here the routes stay as they are
 * ({@code lb://order-service}) and only the choice among one service id's instances
 * changes.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = CanaryLoadBalancerConfiguration.class)
class CanaryConfiguration {

	@Bean
	CanaryRouting canaryRouting(CanaryProperties properties) {
		return new CanaryRouting(properties);
	}

}
