package dev.microshop.benchmarks;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The order saga under an open-loop load through the gateway: orders offered at fixed
 * rates, one rate after another, each order's delay read from the events themselves (on
 * the broker: OrderPlaced → OrderConfirmed/OrderCancelled; at the client: POST answered →
 * the notification on the user's live stream), never by polling the platform. Before each
 * rate, the {@link BrokerFloor} at that rate.
 */
final class SagaBenchmark {

	/**
	 * How to run.
	 *
	 * @param rates orders per second offered, in increasing order
	 * @param seconds how long each rate is offered
	 * @param drain how long after the last answer a step waits for its orders to settle
	 * @param users how many users place the orders, each with a notification stream
	 * @param warmupRate the rate of the unreported warm-up
	 * @param warmupSeconds its length, 0 for none
	 * @param floorSeconds how long the floor is measured at each rate
	 * @param product the product of every order (one of it)
	 * @param stopAfterFailures stop after this many rates were not sustained
	 * @param platformHome the platform's state directory, for its pid files
	 * @param clockTicksPerSecond the kernel's clock ticks per second (getconf CLK_TCK)
	 */
	record Settings(List<Double> rates, int seconds, Duration drain, int users, double warmupRate, int warmupSeconds,
			int floorSeconds, String product, int stopAfterFailures, Path platformHome, long clockTicksPerSecond) {

	}

	/**
	 * What one rate measured.
	 *
	 * @param rate orders per second offered
	 * @param offered orders to send
	 * @param sentRate orders per second sent
	 * @param accepted orders answered 201
	 * @param failures the other answers by status, 0 for none at all
	 * @param settled accepted orders settled on the broker
	 * @param seen accepted orders seen settled on the stream
	 * @param cancelled of the settled, how many cancelled
	 * @param post sent → answered
	 * @param broker OrderPlaced → settled, record timestamps
	 * @param client POST answered → settled notification received
	 * @param floor the broker's floor at this rate
	 * @param shortfall why the rate was not sustained, empty if it was
	 * @param cpuMillis CPU time of each process over the step
	 * @param wallMillis the step's length, until every order settled or the drain time
	 * ran out
	 */
	record Step(double rate, int offered, double sentRate, int accepted, Map<Integer, Integer> failures, int settled,
			int seen, int cancelled, Latencies post, Latencies broker, Latencies client, Latencies floor,
			Optional<String> shortfall, Map<String, Long> cpuMillis, long wallMillis) {

	}

	/**
	 * The whole run.
	 *
	 * @param settings how it ran
	 * @param documents documents stored when it started, by database and collection
	 * @param warmup the warm-up, if there was one
	 * @param steps each rate
	 * @param rssKib each process's resident memory after the last rate
	 * @param highest the highest rate sustained
	 */
	record Result(Settings settings, Map<String, Long> documents, Optional<Step> warmup, List<Step> steps,
			Map<String, Long> rssKib, Optional<Double> highest) {

	}

	static final String PASSWORD = "benchmark-password";

	private final Settings settings;

	private final ShopClient shop;

	private final String bootstrapServers;

	private final String mongoUri;

	SagaBenchmark(Settings settings, ShopClient shop, String bootstrapServers, String mongoUri) {
		this.settings = settings;
		this.shop = shop;
		this.bootstrapServers = bootstrapServers;
		this.mongoUri = mongoUri;
	}

	Result run() throws Exception {
		Map<String, Long> documents = Documents.count(this.mongoUri);
		progress("documents stored: %,d", documents.values().stream().mapToLong(Long::longValue).sum());
		List<ShopClient.User> users = new ArrayList<>();
		for (int i = 0; i < this.settings.users(); i++) {
			users.add(this.shop.register("benchmark-" + UUID.randomUUID() + "@example.com", PASSWORD));
		}
		ProcessStats processes = new ProcessStats(this.settings.clockTicksPerSecond());
		BrokerFloor floor = new BrokerFloor(this.bootstrapServers);
		floor.createTopics();
		List<Step> steps = new ArrayList<>();
		Step warmup = null;
		try (NotificationStreams streams = NotificationStreams.open(this.shop, users);
				OrderEventClock clock = new OrderEventClock(this.bootstrapServers)) {
			if (this.settings.warmupSeconds() > 0) {
				progress("warm-up: %s orders/s for %d s", rate(this.settings.warmupRate()),
						this.settings.warmupSeconds());
				floor.measure(this.settings.warmupRate(), Math.min(5, this.settings.warmupSeconds()),
						this.settings.drain());
				warmup = step(this.settings.warmupRate(), this.settings.warmupSeconds(), users, streams, clock,
						processes, Latencies.NONE);
			}
			int failures = 0;
			for (double rate : this.settings.rates()) {
				progress("%s orders/s: floor", rate(rate));
				Latencies floorLatencies = floor.measure(rate, this.settings.floorSeconds(), this.settings.drain());
				progress("%s orders/s: saga for %d s", rate(rate), this.settings.seconds());
				Step step = step(rate, this.settings.seconds(), users, streams, clock, processes, floorLatencies);
				steps.add(step);
				progress("%s orders/s: %d of %d settled, p50 %.0f ms, p99 %.0f ms%s", rate(rate), step.settled(),
						step.offered(), step.broker().p50(), step.broker().p99(),
						step.shortfall().map((why) -> ", not sustained: " + why).orElse(", sustained"));
				if (step.shortfall().isPresent() && ++failures >= this.settings.stopAfterFailures()) {
					break;
				}
			}
		}
		Map<String, Long> rss = ProcessStats.rssKib(ProcessStats.platformPids(this.settings.platformHome()));
		return new Result(this.settings, documents, Optional.ofNullable(warmup), steps, rss,
				SustainedRate.highest(steps.stream()
					.map((step) -> new SustainedRate.Outcome(step.rate(), step.shortfall().isEmpty()))
					.toList()));
	}

	/** One order as the load generator saw it. */
	private static final class Placement {

		volatile long sentNanos;

		volatile long answeredNanos;

		volatile int status;

		volatile String orderId;

	}

	private Step step(double rate, int seconds, List<ShopClient.User> users, NotificationStreams streams,
			OrderEventClock clock, ProcessStats processes, Latencies floor) throws InterruptedException {
		Map<String, Long> pids = ProcessStats.platformPids(this.settings.platformHome());
		Map<String, Long> cpuBefore = processes.cpuMillis(pids);
		int total = (int) Math.round(rate * seconds);
		Placement[] placements = new Placement[total];
		long period = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
		long start = System.nanoTime();
		long lastSent = start;
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < total; i++) {
				LockSupport.parkNanos(start + i * period - System.nanoTime());
				Placement placement = new Placement();
				placements[i] = placement;
				String token = users.get(i % users.size()).token();
				placement.sentNanos = System.nanoTime();
				lastSent = placement.sentNanos;
				senders.submit(() -> place(placement, token));
			}
			senders.shutdown();
			senders.awaitTermination(2, TimeUnit.MINUTES);
		}
		double sentRate = total / ((lastSent - start + period) / 1e9);
		long deadline = System.nanoTime() + this.settings.drain().toNanos();
		while (System.nanoTime() < deadline && !allSettled(placements, clock, streams)) {
			Thread.sleep(20);
		}
		long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		Map<String, Long> cpu = ProcessStats.difference(cpuBefore, processes.cpuMillis(pids));

		int accepted = 0;
		int settled = 0;
		int seen = 0;
		int cancelled = 0;
		Map<Integer, Integer> failures = new TreeMap<>();
		List<Double> post = new ArrayList<>();
		List<Double> broker = new ArrayList<>();
		List<Double> client = new ArrayList<>();
		List<Double> waits = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			Placement placement = placements[i];
			if (placement.status != 201 || placement.orderId == null) {
				failures.merge(placement.status, 1, Integer::sum);
				continue;
			}
			accepted++;
			post.add((placement.answeredNanos - placement.sentNanos) / 1e6);
			OrderEventClock.Order order = clock.order(placement.orderId);
			if (order != null && order.isSettled()) {
				settled++;
				broker.add((double) order.millis());
				if (order.settledAs().equals("OrderCancelled")) {
					cancelled++;
				}
			}
			NotificationStreams.Seen notified = streams.seen(placement.orderId);
			if (notified != null) {
				seen++;
				client.add((notified.nanos() - placement.answeredNanos) / 1e6);
				// What the shopper waits in all, from sending the order to seeing it
				// settled: a queue anywhere, at the gateway or in the saga, shows in it.
				waits.add((notified.nanos() - placement.sentNanos) / 1e6);
			}
		}
		Optional<String> shortfall = SustainedRate
			.shortfall(new SustainedRate.Step(rate, total, sentRate, accepted, settled, seen, toArray(waits)));
		if (!failures.isEmpty()) {
			progress("%s orders/s: not accepted, by status (0: no answer): %s", rate(rate), failures);
		}
		return new Step(rate, total, sentRate, accepted, failures, settled, seen, cancelled, Latencies.of(post),
				Latencies.of(broker), Latencies.of(client), floor, shortfall, cpu, wallMillis);
	}

	private void place(Placement placement, String token) {
		try {
			HttpResponse<String> response = this.shop.placeOrder(token, this.settings.product(), 1);
			placement.answeredNanos = System.nanoTime();
			placement.orderId = (response.statusCode() == 201) ? ShopClient.id(response.body()) : null;
			placement.status = response.statusCode();
		}
		catch (IOException ex) {
			placement.answeredNanos = System.nanoTime();
			placement.status = 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean allSettled(Placement[] placements, OrderEventClock clock, NotificationStreams streams) {
		for (Placement placement : placements) {
			if (placement.orderId == null) {
				continue;
			}
			OrderEventClock.Order order = clock.order(placement.orderId);
			if (order == null || !order.isSettled() || streams.seen(placement.orderId) == null) {
				return false;
			}
		}
		return true;
	}

	private static double[] toArray(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static String rate(double rate) {
		return (rate == Math.rint(rate)) ? Long.toString((long) rate) : Double.toString(rate);
	}

	static void progress(String format, Object... arguments) {
		System.err.printf("  [saga] " + format + "%n", arguments);
	}

}
