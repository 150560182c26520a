package dev.microshop.gateway.canary;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class VersionWeightsTests {

	private static final VersionWeights ninetyTen = VersionWeights.of(Map.of("v1", 90, "v2", 10));

	@Test
	void theVersionsDivideTheLineInNameOrderByWeight() {
		assertThat(ninetyTen.versionAt(0)).isEqualTo("v1");
		// 90 % of 2^64 is 16602069666338596454.4: the last position of v1's stretch and
		// the
		// first of v2's.
		assertThat(ninetyTen.versionAt(Long.parseUnsignedLong("16602069666338596454"))).isEqualTo("v1");
		assertThat(ninetyTen.versionAt(Long.parseUnsignedLong("16602069666338596455"))).isEqualTo("v2");
		assertThat(ninetyTen.versionAt(-1L)).isEqualTo("v2");
	}

	@Test
	void hashedCallersAreSpreadByWeight() {
		// 100,000 callers at 10 %: the standard deviation is 0.095 points, so 0.3 points
		// are a bound a fair hash stays within (3.2 standard deviations).
		long onCanary = IntStream.range(0, 100_000)
			.mapToObj((i) -> ninetyTen.versionAt(VersionWeights.positionOf("user-" + i)))
			.filter("v2"::equals)
			.count();
		assertThat(onCanary / 1000.0).isCloseTo(10.0, within(0.3));
	}

	@Test
	void aCallerKeepsItsVersionWhileTheWeightsStayTheSame() {
		long position = VersionWeights.positionOf("user-42");
		String version = ninetyTen.versionAt(position);
		assertThat(IntStream.range(0, 20).mapToObj((i) -> VersionWeights.of(Map.of("v1", 90, "v2", 10)))).allSatisfy(
				(weights) -> assertThat(weights.versionAt(VersionWeights.positionOf("user-42"))).isEqualTo(version));
	}

	@Test
	void raisingTheCanarysWeightKeepsItsCallersOnIt() {
		VersionWeights twenty = VersionWeights.of(Map.of("v1", 80, "v2", 20));
		Map<String, String> before = new HashMap<>();
		IntStream.range(0, 10_000)
			.mapToObj((i) -> "user-" + i)
			.forEach((user) -> before.put(user, ninetyTen.versionAt(VersionWeights.positionOf(user))));

		before.forEach((user, version) -> {
			if (version.equals("v2")) {
				assertThat(twenty.versionAt(VersionWeights.positionOf(user))).isEqualTo("v2");
			}
		});
	}

	@Test
	void aVersionWithoutWeightGetsNoCaller() {
		VersionWeights blueGreen = VersionWeights.of(Map.of("blue", 0, "green", 100));
		assertThat(IntStream.range(0, 1000).mapToObj((i) -> blueGreen.versionAt(VersionWeights.positionOf("u" + i))))
			.containsOnly("green");
	}

	@Test
	void amongTheVersionsThatRunTheOthersShareTheTraffic() {
		VersionWeights three = VersionWeights.of(Map.of("v1", 50, "v2", 25, "v3", 25));
		assertThat(three.among(Set.of("v1", "v2")).orElseThrow().weights()).containsExactly(Map.entry("v1", 50),
				Map.entry("v2", 25));
		assertThat(ninetyTen.among(Set.of("v3"))).isEmpty();
		assertThat(VersionWeights.of(Map.of("v1", 0, "v2", 100)).among(Set.of("v1"))).isEmpty();
	}

	@Test
	void versionNamesIgnoreCase() {
		assertThat(VersionWeights.of(Map.of("V2", 10, "v1", 90))).isEqualTo(ninetyTen);
	}

	@Test
	void percentagesAreRoundedToATenth() {
		assertThat(VersionWeights.of(Map.of("v1", 2, "v2", 1)).percentages()).containsExactly(Map.entry("v1", 66.7),
				Map.entry("v2", 33.3));
	}

	@Test
	void weightsMustBeZeroOrMoreWithOneAboveZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> VersionWeights.of(Map.of("v1", 100, "v2", -1)))
			.withMessageContaining("v2");
		assertThatIllegalArgumentException().isThrownBy(() -> VersionWeights.of(Map.of("v1", 0, "v2", 0)))
			.withMessageContaining("above zero");
		assertThatIllegalArgumentException().isThrownBy(() -> VersionWeights.of(Map.of(" ", 1)))
			.withMessageContaining("blank");
	}

}
