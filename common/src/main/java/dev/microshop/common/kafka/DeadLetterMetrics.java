package dev.microshop.common.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.RetryListener;

/**
 * The dead letters of this service as meters, one series per topic it consumes:
 * <ul>
 * <li>{@code microshop.deadletters.published} counts the records this instance sent to
 * {@code <topic>.<service>.DLT} (as the consumer error handler's {@link RetryListener}:
 * the recoverer returns only once the broker has the record).</li>
 * <li>{@code microshop.deadletters.pending} is how many records in that dead-letter topic
 * wait to be replayed ({@link DeadLetters#pending()}), whichever instance sent them.</li>
 * </ul>
 * Pending is read from the broker in the background, at start and then every
 * {@code microshop.kafka.dead-letters-refresh} (30 s), never on a scrape: a read opens a
 * consumer and asks the broker for the offsets of every dead-letter topic, which would
 * make every scrape of every instance as slow as the broker and fail with it. Between two
 * reads, a record this instance dead-letters counts at once, so that an alert on it does
 * not wait for the next read; replays and other instances' dead letters show at the next
 * read. Until a first read succeeds the gauge is NaN (unknown, not "none"); when a later
 * read fails it keeps its last value.
 */
public class DeadLetterMetrics implements RetryListener, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterMetrics.class);

	private static final long UNKNOWN = -1;

	private final DeadLetters deadLetters;

	private final MeterRegistry registry;

	private final ListenerContainerRegistry containers;

	private final Duration refresh;

	private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

	private final Map<String, Counter> published = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean running;

	/**
	 * Creates the meters of the topics consumed by the listener containers of
	 * {@code containers} once they are started.
	 * @param deadLetters reads the pending dead letters from the broker
	 * @param registry where the meters go
	 * @param containers the service's listener containers, whose topics are the ones
	 * measured
	 * @param refresh the time between two reads of the pending dead letters
	 */
	public DeadLetterMetrics(DeadLetters deadLetters, MeterRegistry registry, ListenerContainerRegistry containers,
			Duration refresh) {
		this.deadLetters = deadLetters;
		this.registry = registry;
		this.containers = containers;
		this.refresh = refresh;
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		// Retries are not dead letters.
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
		published(record.topic()).increment();
		pending(record.topic()).updateAndGet((count) -> (count == UNKNOWN) ? UNKNOWN : count + 1);
	}

	/**
	 * Reads from the broker how many records wait in each dead-letter topic.
	 */
	void refresh() {
		try {
			Map<String, Long> counts = this.deadLetters.pending();
			// A dead-letter topic is created with its first record: none is none waiting.
			this.pending.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0L)));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the pending dead letters, keeping the last counts: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.running = true;
		Set<String> topics = consumedTopics();
		for (String topic : topics) {
			published(topic);
			pending(topic);
		}
		if (topics.isEmpty()) {
			// A service that only publishes has no dead letters to read.
			return;
		}
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dead-letter-metrics").factory());
		scheduler.scheduleWithFixedDelay(this::refresh, 0, this.refresh.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private Set<String> consumedTopics() {
		Set<String> topics = new TreeSet<>();
		this.containers.getListenerContainers()
			.stream()
			.map((container) -> container.getContainerProperties().getTopics())
			.filter(Objects::nonNull)
			.map(Arrays::asList)
			.forEach(topics::addAll);
		return topics;
	}

	private Counter published(String topic) {
		return this.published.computeIfAbsent(topic,
				(key) -> Counter.builder("microshop.deadletters.published")
					.description("Records this instance sent to the dead-letter topic of a topic it consumes")
					.tag("topic", key)
					.register(this.registry));
	}

	private AtomicLong pending(String topic) {
		return this.pending.computeIfAbsent(topic, (key) -> {
			AtomicLong count = new AtomicLong(UNKNOWN);
			Gauge.builder("microshop.deadletters.pending", count, DeadLetterMetrics::value)
				.description("Records waiting in the dead-letter topic of a topic this service consumes")
				.tag("topic", key)
				.register(this.registry);
			return count;
		});
	}

	private static double value(AtomicLong count) {
		long value = count.get();
		return (value == UNKNOWN) ? Double.NaN : value;
	}

}
