package dev.microshop.benchmarks;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatsTests {

	@Test
	void cpuTicksAreUtimePlusStime() {
		String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 320 0 0 20 0 53 0 1234567 "
				+ "3000000000 60000 18446744073709551615 1 1 0 0 0 0 4 0 17167 0 0 0 17 1 0 0 0 0 0";
		assertThat(ProcessStats.cpuTicks(stat)).isEqualTo(1820);
	}

	@Test
	void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
		String stat = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 25 5 0 0 20 0 1 0 100 0 0";
		assertThat(ProcessStats.cpuTicks(stat)).isEqualTo(30);
	}

	@Test
	void residentMemoryIsVmRss() {
		String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  251904 kB\nRssAnon:\t  200000 kB\n";
		assertThat(ProcessStats.vmRssKib(status)).hasValue(251904);
		assertThat(ProcessStats.vmRssKib("Name:\tkthreadd\n")).isEmpty();
	}

	@Test
	void theDifferenceIsTakenForProcessesSeenBothTimes() {
		assertThat(ProcessStats.difference(Map.of("gateway", 100L, "kafka", 50L), Map.of("gateway", 180L)))
			.containsExactly(Map.entry("gateway", 80L));
	}

}
