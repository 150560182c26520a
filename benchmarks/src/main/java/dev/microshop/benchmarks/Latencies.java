package dev.microshop.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies in milliseconds, by the nearest-rank method: the p-th
 * percentile is the smallest latency that at least p % of the values do not exceed, so
 * every figure reported is one that was measured.
 *
 * @param count how many latencies
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
record Latencies(int count, double p50, double p90, double p99, double max) {

	static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	static Latencies of(Collection<Double> millis) {
		return of(millis.stream().mapToDouble(Double::doubleValue).toArray());
	}

	static Latencies of(double[] millis) {
		if (millis.length == 0) {
			return NONE;
		}
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		return new Latencies(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
				sorted[sorted.length - 1]);
	}

	/**
	 * Returns the nearest-rank percentile of sorted values.
	 */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	boolean isEmpty() {
		return this.count == 0;
	}

}
