package dev.microshop.gateway.canary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a service's traffic is split between its versions: each version gets a share
 * proportional to its weight ({@code v1: 90, v2: 10} and {@code v1: 9, v2: 1} are the
 * same split). Version names are compared in lower case.
 * <p>
 * A request is placed at a position on the unsigned 64-bit line, which the versions
 * divide between them in the order of their names, each taking a stretch as long as its
 * share. A pinned caller's position is a hash of who it is, so it stays on one version
 * while the weights stay the same; raising the last version's weight (the canary's, as
 * {@code v2} sorts after {@code v1} and {@code green} after {@code blue}) only moves more
 * callers onto it, never one of its callers off it.
 *
 * @param weights the weight of each version; none negative, at least one positive
 */
public record VersionWeights(SortedMap<String, Integer> weights) {

	public VersionWeights {
		SortedMap<String, Integer> normalized = new TreeMap<>();
		weights.forEach((version, weight) -> {
			if (version == null || version.isBlank()) {
				throw new IllegalArgumentException("A version name must not be blank");
			}
			if (weight == null || weight < 0) {
				throw new IllegalArgumentException("The weight of " + version + " must be zero or more");
			}
			normalized.merge(normalizeVersion(version), weight, Integer::sum);
		});
		if (normalized.values().stream().allMatch((weight) -> weight == 0)) {
			throw new IllegalArgumentException("At least one version needs a weight above zero");
		}
		weights = Collections.unmodifiableSortedMap(normalized);
	}

	public static VersionWeights of(Map<String, Integer> weights) {
		return new VersionWeights(new TreeMap<>(weights));
	}

	/**
	 * The split among the given versions only, for when the others have no instance;
	 * empty if none of them has a weight above zero.
	 */
	public Optional<VersionWeights> among(Set<String> versions) {
		SortedMap<String, Integer> available = new TreeMap<>(this.weights);
		available.keySet().retainAll(versions);
		if (available.values().stream().allMatch((weight) -> weight == 0)) {
			return Optional.empty();
		}
		return Optional.of(new VersionWeights(available));
	}

	/**
	 * The version whose stretch of the unsigned 64-bit line holds the position.
	 * @param position any long, read as unsigned; uniformly spread positions give each
	 * version its share
	 */
	public String versionAt(long position) {
		long total = this.weights.values().stream().mapToLong(Integer::longValue).sum();
		// position * total / 2^64, exactly: scales the position to [0, total).
		long bucket = Math.unsignedMultiplyHigh(position, total);
		long end = 0;
		for (Map.Entry<String, Integer> version : this.weights.entrySet()) {
			end += version.getValue();
			if (bucket < end) {
				return version.getKey();
			}
		}
		throw new IllegalStateException("Position beyond the last version");
	}

	/**
	 * Each version's share of the traffic in percent, rounded to a tenth.
	 */
	public Map<String, Double> percentages() {
		long total = this.weights.values().stream().mapToLong(Integer::longValue).sum();
		Map<String, Double> percentages = new LinkedHashMap<>();
		this.weights.forEach((version, weight) -> percentages.put(version, Math.round(weight * 1000.0 / total) / 10.0));
		return percentages;
	}

	/**
	 * The position of a caller: the first 64 bits of the SHA-256 of its key. A
	 * cryptographic hash rather than {@link String#hashCode()}, whose values for ids that
	 * differ in one character lie close together; the same on every gateway replica.
	 */
	public static long positionOf(String key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			long position = 0;
			for (int i = 0; i < Long.BYTES; i++) {
				position = (position << 8) | (hash[i] & 0xFF);
			}
			return position;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	static String normalizeVersion(String version) {
		return version.trim().toLowerCase(Locale.ROOT);
	}

}
