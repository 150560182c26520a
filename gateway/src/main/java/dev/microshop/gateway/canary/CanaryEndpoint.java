package dev.microshop.gateway.canary;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/canary}: each service's version weights, its instances per version and
 * the traffic each version gets from them; {@code POST /actuator/canary/{service}} with
 * {@code {"weights": "v1=90,v2=10"}} sets a service's weights, and {@code DELETE} removes
 * them (all traffic to the default version again). Changes take effect with the next
 * request and last until the gateway stops.
 * <p>
 * Administrators only (see the gateway's security configuration). Instance counts come
 * from discovery; the load balancer sees a new instance up to its cache's time to live
 * later.
 */
@Component
@Endpoint(id = "canary")
class CanaryEndpoint {

	private static final Log logger = LogFactory.getLog(CanaryEndpoint.class);

	private final CanaryRouting routing;

	private final ReactiveDiscoveryClient discovery;

	CanaryEndpoint(CanaryRouting routing, ReactiveDiscoveryClient discovery) {
		this.routing = routing;
		this.discovery = discovery;
	}

	@ReadOperation
	Mono<Canaries> canaries() {
		return Flux.fromIterable(this.routing.allWeights().keySet())
			// Later wins: weights set as ORDERSERVICE show under the discovered
			// order-service.
			.concatWith(this.discovery.getServices())
			.collectMap(CanaryRouting::key, (service) -> service, TreeMap::new)
			.flatMapMany((services) -> Flux.fromIterable(services.values()))
			.concatMap(this::canary)
			.collectMap(ServiceCanary::service, (canary) -> canary, LinkedHashMap::new)
			.map((services) -> new Canaries(this.routing.defaultVersion(), services));
	}

	@ReadOperation
	Mono<ServiceCanary> canary(@Selector String service) {
		return this.discovery.getInstances(service).collectList().map((instances) -> describe(service, instances));
	}

	@WriteOperation
	Mono<ServiceCanary> setWeights(@Selector String service, String weights, SecurityContext securityContext) {
		VersionWeights versionWeights = parse(weights);
		this.routing.setWeights(service, versionWeights);
		logger.info("Canary weights of " + service + " set to " + versionWeights.weights() + " by "
				+ caller(securityContext));
		return canary(service);
	}

	@DeleteOperation
	Mono<ServiceCanary> clearWeights(@Selector String service, SecurityContext securityContext) {
		this.routing.clearWeights(service);
		logger.info("Canary weights of " + service + " removed by " + caller(securityContext));
		return canary(service);
	}

	private ServiceCanary describe(String service, List<ServiceInstance> instances) {
		Map<String, Integer> counts = new TreeMap<>();
		this.routing.byVersion(instances).forEach((version, ofVersion) -> counts.put(version, ofVersion.size()));
		Map<String, Double> traffic = counts.isEmpty() ? Map.of()
				: this.routing.effectiveWeights(service)
					.among(counts.keySet())
					.map(VersionWeights::percentages)
					// No weighted version runs: the load balancer uses every instance.
					.orElseGet(() -> VersionWeights.of(counts).percentages());
		Map<String, Integer> weights = this.routing.weights(service)
			.<Map<String, Integer>>map(VersionWeights::weights)
			.orElse(Map.of());
		return new ServiceCanary(service, weights, counts, traffic);
	}

	/**
	 * Reads {@code v1=90,v2=10}. A string rather than a JSON object because actuator maps
	 * each top-level member of the request body to a parameter and reads no nested
	 * object.
	 */
	static VersionWeights parse(String weights) {
		Map<String, Integer> parsed = new LinkedHashMap<>();
		for (String pair : weights.split(",")) {
			String[] versionAndWeight = pair.split("=", 2);
			if (versionAndWeight.length != 2) {
				throw invalid("Weights are written v1=90,v2=10, not " + weights);
			}
			String version = versionAndWeight[0].trim();
			try {
				parsed.merge(version, Integer.parseInt(versionAndWeight[1].trim()), Integer::sum);
			}
			catch (NumberFormatException ex) {
				throw invalid("The weight of " + version + " must be a whole number, zero or more");
			}
		}
		try {
			return VersionWeights.of(parsed);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
	}

	private static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

	private static String caller(SecurityContext securityContext) {
		Principal principal = securityContext.getPrincipal();
		return (principal != null) ? principal.getName() : "an anonymous caller";
	}

	/**
	 * All services' canaries.
	 *
	 * @param defaultVersion the version of instances that register none
	 * @param services each service known to discovery or given weights
	 */
	record Canaries(String defaultVersion, Map<String, ServiceCanary> services) {
	}

	/**
	 * One service's canary.
	 *
	 * @param service the service id
	 * @param weights the weights set for its versions; empty when all traffic goes to the
	 * default version
	 * @param instances how many instances of each version are registered
	 * @param traffic the percentage of requests each registered version gets now
	 */
	record ServiceCanary(String service, Map<String, Integer> weights, Map<String, Integer> instances,
			Map<String, Double> traffic) {
	}

}
