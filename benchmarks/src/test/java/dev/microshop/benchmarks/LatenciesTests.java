package dev.microshop.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void percentilesAreNearestRankSoEachIsAMeasuredValue() {
		double[] hundred = new double[100];
		for (int i = 0; i < 100; i++) {
			// 1..100, shuffled by a stride that is prime to 100.
			hundred[i] = (i * 37) % 100 + 1;
		}
		Latencies latencies = Latencies.of(hundred);
		assertThat(latencies.count()).isEqualTo(100);
		assertThat(latencies.p50()).isEqualTo(50);
		assertThat(latencies.p90()).isEqualTo(90);
		assertThat(latencies.p99()).isEqualTo(99);
		assertThat(latencies.max()).isEqualTo(100);
	}

	@Test
	void fewValuesGiveTheLargestForHighPercentiles() {
		Latencies latencies = Latencies.of(List.of(12.0, 3.0, 7.0));
		assertThat(latencies.p50()).isEqualTo(7);
		assertThat(latencies.p90()).isEqualTo(12);
		assertThat(latencies.p99()).isEqualTo(12);
	}

	@Test
	void oneValueIsEveryPercentile() {
		Latencies latencies = Latencies.of(new double[] { 4.5 });
		assertThat(latencies.p50()).isEqualTo(4.5);
		assertThat(latencies.p99()).isEqualTo(4.5);
		assertThat(latencies.max()).isEqualTo(4.5);
	}

	@Test
	void noValuesAreNotANumber() {
		Latencies latencies = Latencies.of(List.of());
		assertThat(latencies.isEmpty()).isTrue();
		assertThat(latencies.p50()).isNaN();
	}

	@Test
	void theCallersArrayIsNotReordered() {
		double[] values = { 3, 1, 2 };
		Latencies.of(values);
		assertThat(values).containsExactly(3, 1, 2);
	}

}
