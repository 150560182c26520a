package dev.microshop.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether the platform sustained an offered rate of orders, and the highest rate it
 * sustained.
 * <p>
 * A rate is sustained when the load generator sent every order on time, every order was
 * accepted (201), every accepted order settled (its OrderConfirmed or OrderCancelled on
 * the broker) and was seen settled by its client on the notification stream before the
 * step's drain time ran out, 99 of 100 shoppers saw their order settled within
 * {@value #MAX_WAIT_P99_MILLIS} ms of sending it, and the latency did not grow during the
 * step: the median of the last third of the orders is at most twice that of the first
 * third, or at most {@value #GROWTH_SLACK_MILLIS} ms above it (so that a few milliseconds
 * of noise on small latencies does not count as growth). A platform that falls behind
 * builds a queue whose wait grows with every order, which is what the last rule catches
 * even when the queue drains before the step ends; a queue that filled in the first
 * seconds and stayed full is what the wait's bound catches.
 */
final class SustainedRate {

	/** Orders must be sent at least at this share of the offered rate. */
	static final double MIN_SEND_SHARE = 0.95;

	/** The longest wait, sending → seen settled, of 99 orders in 100. */
	static final double MAX_WAIT_P99_MILLIS = 1000;

	static final double GROWTH_FACTOR = 2.0;

	static final double GROWTH_SLACK_MILLIS = 50;

	/** Fewer orders than this in a third: too few to tell growth from noise. */
	static final int MIN_ORDERS_PER_THIRD = 10;

	private SustainedRate() {
	}

	/**
	 * What one step measured, as far as the rule needs it.
	 *
	 * @param offeredRate orders per second offered
	 * @param offered orders the step should send
	 * @param sentRate orders per second the load generator actually sent
	 * @param accepted orders answered 201
	 * @param settled accepted orders whose settling event is on the broker
	 * @param seen accepted orders their client saw settled on its stream
	 * @param waits latencies (sent → seen settled) of every order seen, in the order they
	 * were sent
	 */
	record Step(double offeredRate, int offered, double sentRate, int accepted, int settled, int seen, double[] waits) {

	}

	/**
	 * Returns why the step was not sustained, or empty if it was.
	 */
	static Optional<String> shortfall(Step step) {
		if (step.sentRate() < MIN_SEND_SHARE * step.offeredRate()) {
			return Optional.of(String.format("load generator sent only %.1f/s", step.sentRate()));
		}
		if (step.accepted() < step.offered()) {
			return Optional.of((step.offered() - step.accepted()) + " not accepted");
		}
		if (step.settled() < step.accepted()) {
			return Optional.of((step.accepted() - step.settled()) + " not settled");
		}
		if (step.seen() < step.accepted()) {
			return Optional.of((step.accepted() - step.seen()) + " not seen on the stream");
		}
		double[] waits = step.waits();
		double p99 = (waits.length > 0) ? Latencies.of(waits).p99() : 0;
		if (p99 > MAX_WAIT_P99_MILLIS) {
			return Optional.of(String.format("p99 wait %.0f ms", p99));
		}
		int third = waits.length / 3;
		if (third >= MIN_ORDERS_PER_THIRD) {
			double first = Latencies.of(Arrays.copyOfRange(waits, 0, third)).p50();
			double last = Latencies.of(Arrays.copyOfRange(waits, waits.length - third, waits.length)).p50();
			if (last > Math.max(GROWTH_FACTOR * first, first + GROWTH_SLACK_MILLIS)) {
				return Optional.of(String.format("latency grew: p50 %.0f ms → %.0f ms", first, last));
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether one offered rate was sustained.
	 *
	 * @param rate orders per second offered
	 * @param sustained whether it was
	 */
	record Outcome(double rate, boolean sustained) {

	}

	/**
	 * Returns the highest offered rate sustained with every lower rate of the list also
	 * sustained, or empty if the lowest was not.
	 * @param outcomes the rates in increasing order
	 */
	static Optional<Double> highest(List<Outcome> outcomes) {
		Double highest = null;
		for (Outcome outcome : outcomes) {
			if (!outcome.sustained()) {
				break;
			}
			highest = outcome.rate();
		}
		return Optional.ofNullable(highest);
	}

}
