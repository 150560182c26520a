package dev.microshop.gateway.canary;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryRoutingTests {

	private static final ServiceInstance unlabelled = instance("unlabelled", Map.of());

	private static final ServiceInstance v1 = instance("v1-a", Map.of("version", "v1"));

	private static final ServiceInstance v2a = instance("v2-a", Map.of("version", "v2"));

	private static final ServiceInstance v2b = instance("v2-b", Map.of("version", "V2"));

	@Test
	void anInstanceWithoutVersionIsOfTheDefaultVersion() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 100, "v2", 0)));

		assertThat(routing.versionOf(unlabelled)).isEqualTo("v1");
		assertThat(selectForUsers(routing, List.of(unlabelled, v1, v2a))).containsOnly(List.of(unlabelled, v1));
	}

	@Test
	void withoutWeightsOnlyTheDefaultVersionIsUsed() {
		CanaryRouting routing = routing(Map.of());

		assertThat(selectForUsers(routing, List.of(v1, v2a, v2b))).containsOnly(List.of(v1));
	}

	@Test
	void withoutWeightsAndWithoutADefaultVersionInstanceEveryInstanceIsUsed() {
		CanaryRouting routing = routing(Map.of());

		assertThat(selectForUsers(routing, List.of(v2a, v2b))).containsOnly(List.of(v2a, v2b));
	}

	@Test
	void theWeightsSendEachUserToOneVersionsInstances() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 50, "v2", 50)));

		assertThat(selectForUsers(routing, List.of(v1, v2a, v2b))).containsOnly(List.of(v1), List.of(v2a, v2b))
			.contains(List.of(v1), List.of(v2a, v2b));
	}

	@Test
	void aWeightedVersionWithoutInstanceLeavesItsShareToTheOthers() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 50, "v3", 50)));

		assertThat(selectForUsers(routing, List.of(v1, v2a))).containsOnly(List.of(v1));
	}

	@Test
	void whenNoWeightedVersionRunsEveryInstanceIsUsed() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v3", 100)));

		assertThat(selectForUsers(routing, List.of(v1, v2a))).containsOnly(List.of(v1, v2a));
	}

	@Test
	void whenOneVersionRunsItServesEveryRequestWhateverTheWeightsOrTheRequestedVersion() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 0, "v3", 100)));
		List<ServiceInstance> instances = List.of(v2a, v2b);

		assertThat(selectForUsers(routing, instances)).containsOnly(instances);
		assertThat(routing.select("order-service", instances, new CanaryRequest("admin", "v1"))).isEqualTo(instances);
		assertThat(routing.select("order-service", instances, new CanaryRequest(null, null))).isEqualTo(instances);
	}

	@Test
	void theSameUserGetsTheSameVersionEveryTime() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 50, "v2", 50)));
		List<ServiceInstance> instances = List.of(v1, v2a);

		IntStream.range(0, 50).mapToObj((i) -> "user-" + i).forEach((user) -> {
			List<ServiceInstance> first = routing.select("order-service", instances, new CanaryRequest(user, null));
			assertThat(IntStream.range(0, 20)
				.mapToObj((i) -> routing.select("order-service", instances, new CanaryRequest(user, null))))
				.containsOnly(first);
		});
	}

	@Test
	void aRequestedVersionIsUsedWhenItRunsEvenWithoutWeight() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 100, "v2", 0)));

		assertThat(routing.select("order-service", List.of(v1, v2a), new CanaryRequest("admin", "v2")))
			.containsExactly(v2a);
		assertThat(routing.select("order-service", List.of(v1, v2a), new CanaryRequest("admin", "v7")))
			.containsExactly(v1);
	}

	@Test
	void serviceIdsMatchIgnoringCaseAndDashesAsEnvironmentVariablesSpellThem() {
		CanaryRouting routing = routing(Map.of("orderservice", Map.of("v1", 0, "v2", 100)));

		assertThat(routing.weights("ORDER-SERVICE")).isPresent();
		assertThat(selectForUsers(routing, List.of(v1, v2a))).containsOnly(List.of(v2a));
	}

	@Test
	void weightsChangeAndClearWhileRunning() {
		CanaryRouting routing = routing(Map.of("order-service", Map.of("v1", 100)));

		routing.setWeights("order-service", VersionWeights.of(Map.of("v1", 0, "v2", 100)));
		assertThat(selectForUsers(routing, List.of(v1, v2a))).containsOnly(List.of(v2a));

		routing.clearWeights("order-service");
		assertThat(routing.allWeights()).isEmpty();
		assertThat(selectForUsers(routing, List.of(v1, v2a))).containsOnly(List.of(v1));
	}

	private static List<List<ServiceInstance>> selectForUsers(CanaryRouting routing, List<ServiceInstance> instances) {
		return IntStream.range(0, 200)
			.mapToObj((i) -> routing.select("order-service", instances, new CanaryRequest("user-" + i, null)))
			.toList();
	}

	private static CanaryRouting routing(Map<String, Map<String, Integer>> weights) {
		return new CanaryRouting(new CanaryProperties("v1", weights));
	}

	private static ServiceInstance instance(String id, Map<String, String> metadata) {
		return new DefaultServiceInstance(id, "order-service", "127.0.0.1", 8082, false, metadata);
	}

}
