package dev.microshop.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as a Swarm stack (compose/swarm/stack.yaml with the CI override), driven
 * by the scripts of compose/swarm: deploy, scale, a rolling update under continuous
 * traffic, Swarm's own rollback of an unhealthy version, and a manual rollback.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerImages.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmSystemTests {

	private static final String STACK = "microshop-swarm-test";

	private static final String TAG = ContainerImages.TAG;

	/**
	 * The "new version" of the updates: the same jar under another tag, as CI has no
	 * other.
	 */
	private static final String NEXT_TAG = TAG + "-next";

	/**
	 * Each of the update's two shoppers, together under the gateway's 50 requests a
	 * second per user (RATE_LIMIT_API_REPLENISH_RATE): beyond it a 429 is the limiter's
	 * answer, not a failure of the update.
	 */
	private static final int REQUESTS_PER_SECOND = 20;

	private static final Gateway gateway = new Gateway();

	private static boolean swarmWasActive;

	@BeforeAll
	static void deploy() {
		swarmWasActive = Docker.docker("info", "-f", "{{.Swarm.LocalNodeState}}").equals("active");
		for (String service : List.of("order-service", "notification-service")) {
			Docker.docker("tag", "microshop/" + service + ":" + TAG, "microshop/" + service + ":" + NEXT_TAG);
		}
		// An image whose health check always fails: what a broken release looks like to
		// Swarm.
		Docker.run(Docker.ROOT, Map.of(), Duration.ofMinutes(2),
				List.of("bash", "-c",
						"printf 'FROM microshop/order-service:" + TAG
								+ "\\nHEALTHCHECK --interval=5s --timeout=2s --retries=2 CMD [\"false\"]\\n'"
								+ " | docker build -q -t microshop/order-service:" + TAG + "-unhealthy -"));
		// Where nothing can be pulled (CI here), also no IPVS: the override does both.
		if (Docker.STANDINS) {
			swarm(Duration.ofMinutes(12), "deploy", "stack.yaml", "stack.ci.yaml");
		}
		else {
			swarm(Duration.ofMinutes(12), "deploy", "stack.yaml");
		}
	}

	@AfterAll
	static void remove() {
		try {
			Docker.docker("stack", "rm", STACK);
			// Removal goes on in the background. Leaving the swarm before the stack's
			// networks are gone keeps one in the engine until it restarts, and the next
			// deploy fails: "network microshop-swarm-test_front not found".
			String stack = "label=com.docker.stack.namespace=" + STACK;
			await().atMost(Duration.ofMinutes(1))
				.until(() -> Docker.docker("ps", "-q", "--filter", stack).isEmpty()
						&& Docker.docker("network", "ls", "-q", "--filter", stack).isEmpty());
		}
		finally {
			if (!swarmWasActive) {
				Docker.docker("swarm", "leave", "--force");
			}
		}
	}

	@Test
	@Order(1)
	void theStackServesTheShopWithTwoReplicasOfOrderAndPaymentService() {
		assertThat(replicas("order-service")).isEqualTo("2/2");
		assertThat(replicas("payment-service")).isEqualTo("2/2");
		Shopper ada = Shopper.register(gateway, "ada");
		String orderId = ada.place(Shopper.productPricedAtLeast(gateway, 250), 1).json().path("id").asString();
		assertThat(ada.awaitFinal(orderId).path("status").asString()).isEqualTo("CONFIRMED");
	}

	// Last: each replica more makes every rolling update longer.
	@Test
	@Order(6)
	void scaledToThreeEveryOrderServiceReplicaRegistersInDiscovery() {
		Docker.docker("service", "scale", "--detach=false", STACK + "_order-service=3");
		assertThat(replicas("order-service")).isEqualTo("3/3");
		// Each replica registers its own address, and the gateway balances between them.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(instancesUp("ORDER-SERVICE")).isEqualTo(3));
	}

	@Test
	@Order(3)
	void aRollingUpdateUnderContinuousTrafficFailsNoRequest() throws Exception {
		Shopper bob = Shopper.register(gateway, "bob");
		String product = Shopper.cheapestProduct(gateway);
		AtomicBoolean updating = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		Map<String, Integer> failures = new ConcurrentHashMap<>();
		List<Thread> shoppers = List.of(
				Thread.ofVirtual()
					.start(() -> paced(updating,
							() -> record(failures, sent, () -> bob.gateway().get("/api/orders", bob.token())))),
				Thread.ofVirtual()
					.start(() -> paced(updating, () -> record(failures, sent, () -> bob.place(product, 1)))));

		String output = swarm(Duration.ofMinutes(10), "rolling-update", "order-service", NEXT_TAG);
		updating.set(false);
		for (Thread shopper : shoppers) {
			shopper.join();
		}

		System.out.printf("rolling update of order-service to %s: %d requests, failed: %s%n", NEXT_TAG, sent.get(),
				failures);
		assertThat(output).contains("update completed");
		assertThat(image("order-service")).isEqualTo("microshop/order-service:" + NEXT_TAG);
		assertThat(sent.get()).isGreaterThan(50);
		assertThat(failures).as("failed requests during the update, of %d", sent.get()).isEmpty();
	}

	@Test
	@Order(4)
	void anUnhealthyVersionIsRolledBackBySwarm() {
		Docker.Result result = Docker.attempt(Docker.ROOT.resolve("compose/swarm"), Map.of("STACK", STACK),
				Duration.ofMinutes(10), List.of("./rolling-update", "order-service", TAG + "-unhealthy"));

		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("Swarm rolled order-service back");
		assertThat(image("order-service")).isEqualTo("microshop/order-service:" + NEXT_TAG);
		assertThat(gateway.get("/api/docs/order-service", null).status()).isEqualTo(200);
	}

	@Test
	@Order(5)
	void aManualRollbackReturnsToThePreviousVersion() {
		swarm(Duration.ofMinutes(10), "rolling-update", "notification-service", NEXT_TAG);
		assertThat(image("notification-service")).isEqualTo("microshop/notification-service:" + NEXT_TAG);

		String output = swarm(Duration.ofMinutes(10), "rollback", "notification-service");

		assertThat(output).contains("rollback_completed");
		assertThat(image("notification-service")).isEqualTo("microshop/notification-service:" + TAG);
	}

	@Test
	@Order(2)
	void aCanaryGetsItsShareThenBlueGreenSwitchesAllTrafficAndBack() {
		String canary = swarm(Duration.ofMinutes(5), "canary", "order-service", NEXT_TAG, "20");
		assertThat(canary).contains("canary: v2 (" + NEXT_TAG + ") serves 20% of order-service");

		String green = swarm(Duration.ofMinutes(8), "blue-green", "order-service", NEXT_TAG);
		assertThat(green).contains("order-service: all traffic on v2");
		assertThat(replicas("order-service-v2")).isEqualTo(replicas("order-service"));

		String blue = swarm(Duration.ofMinutes(2), "blue-green", "order-service", "--back");
		assertThat(blue).contains("order-service: all traffic on v1");
		Docker.docker("service", "scale", "--detach=false", STACK + "_order-service-v2=0");
	}

	/**
	 * Runs the request REQUESTS_PER_SECOND times a second while running holds. After a
	 * slow answer it does not catch up: a burst of the requests it missed would exceed
	 * the limit.
	 */
	private static void paced(AtomicBoolean running, Runnable request) {
		long period = 1_000_000_000L / REQUESTS_PER_SECOND;
		long next = System.nanoTime();
		while (running.get()) {
			request.run();
			next = Math.max(next + period, System.nanoTime());
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	/** Sends a request and counts it, and a failure by its status and problem detail. */
	private static void record(Map<String, Integer> failures, AtomicInteger sent,
			java.util.concurrent.Callable<Gateway.Response> request) {
		sent.incrementAndGet();
		try {
			Gateway.Response response = request.call();
			if (response.status() >= 400) {
				failures.merge("HTTP " + response.status() + " " + response.body(), 1, Integer::sum);
			}
		}
		catch (Exception ex) {
			failures.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
		}
	}

	/**
	 * How many instances of an application discovery lists as UP, asked from inside the
	 * discovery container (its port is published nowhere).
	 */
	private static long instancesUp(String application) {
		String discovery = Docker.docker("ps", "-q", "--filter", "name=" + STACK + "_discovery")
			.lines()
			.findFirst()
			.orElseThrow();
		String answer = Docker.docker("exec", discovery, "bash", "-c",
				"exec 3<>/dev/tcp/127.0.0.1/8761 && printf 'GET /eureka/apps/" + application
						+ " HTTP/1.0\\r\\nAccept: application/json\\r\\n\\r\\n' >&3 && cat <&3");
		return java.util.regex.Pattern.compile("\"status\":\"UP\"").matcher(answer).results().count();
	}

	private static String replicas(String service) {
		// The name filter matches prefixes: order-service also finds order-service-v2.
		return Docker
			.docker("service", "ls", "--filter", "name=" + STACK + "_" + service, "--format", "{{.Name}} {{.Replicas}}")
			.lines()
			.filter((line) -> line.startsWith(STACK + "_" + service + " "))
			.map((line) -> line.substring(line.indexOf(' ') + 1))
			.findFirst()
			.orElseThrow();
	}

	private static String image(String service) {
		return Docker
			.docker("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", STACK + "_" + service)
			.replaceAll("@sha256:.*", "");
	}

	private static String swarm(Duration timeout, String script, String... arguments) {
		String output = Docker.run(Docker.ROOT.resolve("compose/swarm"), Map.of("STACK", STACK), timeout,
				Docker.prepend("./" + script, arguments));
		System.out.println(output);
		return output;
	}

}
