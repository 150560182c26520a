package dev.microshop.benchmarks;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SustainedRateTests {

	private static double[] constant(double millis, int count) {
		double[] values = new double[count];
		Arrays.fill(values, millis);
		return values;
	}

	/**
	 * A step of 1,000 orders offered whose waits, in the order sent, are {@code first},
	 * as many again, then {@code last}.
	 */
	private static SustainedRate.Step step(double sentRate, int accepted, int settled, int seen, double[] first,
			double[] last) {
		double[] waits = new double[2 * first.length + last.length];
		System.arraycopy(first, 0, waits, 0, first.length);
		System.arraycopy(first, 0, waits, first.length, first.length);
		System.arraycopy(last, 0, waits, 2 * first.length, last.length);
		return new SustainedRate.Step(100, 1000, sentRate, accepted, settled, seen, waits);
	}

	@Test
	void everyOrderSettledAtAFlatLatencyIsSustained() {
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(20, 333), constant(25, 333))))
			.isEmpty();
	}

	@Test
	void aLoadGeneratorThatCouldNotSendTheRateMeasuredNothing() {
		assertThat(SustainedRate.shortfall(step(90, 1000, 1000, 1000, constant(20, 333), constant(20, 333))))
			.hasValueSatisfying((why) -> assertThat(why).contains("sent only 90.0/s"));
	}

	@Test
	void refusedUnsettledOrUnseenOrdersAreNotSustained() {
		assertThat(SustainedRate.shortfall(step(100, 990, 990, 990, constant(20, 333), constant(20, 333))))
			.hasValue("10 not accepted");
		assertThat(SustainedRate.shortfall(step(100, 1000, 997, 997, constant(20, 333), constant(20, 333))))
			.hasValue("3 not settled");
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 999, constant(20, 333), constant(20, 333))))
			.hasValue("1 not seen on the stream");
	}

	@Test
	void latencyThatDoublesDuringTheStepIsAGrowingQueue() {
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(200, 333), constant(450, 333))))
			.hasValueSatisfying((why) -> assertThat(why).startsWith("latency grew"));
	}

	@Test
	void aFewMillisecondsMoreOnSmallLatenciesIsNoise() {
		// 3 ms → 40 ms is more than twice, but within the 50 ms slack.
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(3, 333), constant(40, 333)))).isEmpty();
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(3, 333), constant(60, 333))))
			.isPresent();
	}

	@Test
	void aQueueFullFromTheStartIsNotSustainedThoughItDoesNotGrow() {
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(12000, 333), constant(12000, 333))))
			.hasValue("p99 wait 12000 ms");
	}

	@Test
	void tooFewOrdersToJudgeGrowthAreJudgedOnTheirCountsAndWaitAlone() {
		assertThat(SustainedRate.shortfall(step(100, 1000, 1000, 1000, constant(3, 5), constant(300, 5)))).isEmpty();
	}

	@Test
	void theHighestRateSustainedIsBelowTheFirstThatWasNot() {
		assertThat(
				SustainedRate.highest(List.of(new SustainedRate.Outcome(25, true), new SustainedRate.Outcome(50, true),
						new SustainedRate.Outcome(100, false), new SustainedRate.Outcome(200, true))))
			.hasValue(50.0);
		assertThat(SustainedRate.highest(List.of(new SustainedRate.Outcome(25, false)))).isEmpty();
		assertThat(SustainedRate.highest(List.of())).isEmpty();
	}

}
