package dev.microshop.gateway.canary;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The weights of each service's versions, changeable while the gateway runs, and the
 * choice of the instances that may serve a request.
 * <p>
 * Weights live in this gateway's memory: seeded from {@link CanaryProperties}, changed
 * through {@link CanaryEndpoint}. Several gateway replicas each need the change.
 */
class CanaryRouting {

	/** The discovery metadata key that holds an instance's version. */
	static final String VERSION_METADATA_KEY = "version";

	private static final Pattern NOT_A_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]");

	private final String defaultVersion;

	/** By {@link #key(String) key}: the service id as last given, and its weights. */
	private final ConcurrentMap<String, ServiceWeights> weights = new ConcurrentHashMap<>();

	CanaryRouting(CanaryProperties properties) {
		this.defaultVersion = VersionWeights.normalizeVersion(properties.defaultVersion());
		// An environment variable's ORDERSERVICE and a file's order-service are bound
		// as two keys with the same merged weights; the one with dashes, set last, names
		// the service.
		properties.weights()
			.entrySet()
			.stream()
			.sorted(Comparator.comparing((service) -> service.getKey().contains("-")))
			.forEach((service) -> setWeights(service.getKey(), VersionWeights.of(service.getValue())));
	}

	/**
	 * The version an instance registered, or the default version if it registered none.
	 */
	String versionOf(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		String version = (metadata != null) ? metadata.get(VERSION_METADATA_KEY) : null;
		return (version == null || version.isBlank()) ? this.defaultVersion : VersionWeights.normalizeVersion(version);
	}

	String defaultVersion() {
		return this.defaultVersion;
	}

	Optional<VersionWeights> weights(String serviceId) {
		return Optional.ofNullable(this.weights.get(key(serviceId))).map(ServiceWeights::weights);
	}

	/** Every service with weights, by the service id they were last set under. */
	Map<String, VersionWeights> allWeights() {
		return this.weights.values()
			.stream()
			.collect(Collectors.toMap(ServiceWeights::serviceId, ServiceWeights::weights, (a, b) -> a, TreeMap::new));
	}

	void setWeights(String serviceId, VersionWeights versionWeights) {
		this.weights.put(key(serviceId), new ServiceWeights(serviceId, versionWeights));
	}

	void clearWeights(String serviceId) {
		this.weights.remove(key(serviceId));
	}

	/**
	 * The weights that apply to the service: its own, or all traffic to the default
	 * version, so that a new version gets traffic only once it has been given a weight.
	 */
	VersionWeights effectiveWeights(String serviceId) {
		return weights(serviceId).orElseGet(() -> VersionWeights.of(Map.of(this.defaultVersion, 1)));
	}

	/**
	 * The instances of one version that may serve the request: the version an
	 * administrator asked for if it has an instance, else the version the weights give
	 * the request among the versions that have an instance. When no version with a weight
	 * above zero has an instance, all instances: the canary configuration never leaves a
	 * service that runs without a way to reach it.
	 */
	List<ServiceInstance> select(String serviceId, List<ServiceInstance> instances, CanaryRequest request) {
		if (allOfOneVersion(instances)) {
			// Whatever the weights and the request say, that version serves: the usual
			// case, decided without grouping, weighing or hashing the caller.
			return instances;
		}
		Map<String, List<ServiceInstance>> byVersion = byVersion(instances);
		if (request.requestedVersion() != null) {
			List<ServiceInstance> requested = byVersion
				.get(VersionWeights.normalizeVersion(request.requestedVersion()));
			if (requested != null) {
				return requested;
			}
		}
		return effectiveWeights(serviceId).among(byVersion.keySet())
			.map((available) -> byVersion.get(available.versionAt(position(request))))
			.orElse(instances);
	}

	private boolean allOfOneVersion(List<ServiceInstance> instances) {
		if (instances.isEmpty()) {
			return true;
		}
		String version = versionOf(instances.get(0));
		for (int i = 1; i < instances.size(); i++) {
			if (!version.equals(versionOf(instances.get(i)))) {
				return false;
			}
		}
		return true;
	}

	Map<String, List<ServiceInstance>> byVersion(List<ServiceInstance> instances) {
		return instances.stream()
			.collect(Collectors.groupingBy(this::versionOf, LinkedHashMap::new, Collectors.toList()));
	}

	private static long position(CanaryRequest request) {
		// Without a caller to pin, each request is placed anew: the client address is
		// no stand-in, since behind a proxy or Docker's port forwarding all clients share
		// one and would all be sent to the same version whatever the weights.
		return (request.pinKey() != null) ? VersionWeights.positionOf(request.pinKey())
				: ThreadLocalRandom.current().nextLong();
	}

	/**
	 * Service ids match ignoring case and everything but letters and digits, as Boot
	 * binds environment variables ({@code ORDERSERVICE} for {@code order-service}).
	 */
	static String key(String serviceId) {
		return NOT_A_LETTER_OR_DIGIT.matcher(serviceId.toLowerCase(Locale.ROOT)).replaceAll("");
	}

	private record ServiceWeights(String serviceId, VersionWeights weights) {
	}

}
