package dev.microshop.order.ordering.application;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.microshop.order.ordering.domain.Order;

import org.springframework.stereotype.Component;

/**
 * The orders' business meters, all registered at start-up so that they read 0 before the
 * first order rather than being absent: {@code microshop.orders.placed},
 * {@code .confirmed} and {@code .cancelled} count the orders that reached each status on
 * this instance, and {@code microshop.saga.duration} (tag {@code outcome}) times each
 * saga from the order's creation to its confirmation or cancellation.
 */
@Component
public class OrderMetrics {

	private final Counter placed;

	private final Counter confirmed;

	private final Counter cancelled;

	private final Timer confirmedSaga;

	private final Timer cancelledSaga;

	public OrderMetrics(MeterRegistry registry) {
		this.placed = counter(registry, "placed", "Orders placed (a replayed Idempotency-Key not counted)");
		this.confirmed = counter(registry, "confirmed", "Orders confirmed after their payment was authorized");
		this.cancelled = counter(registry, "cancelled", "Orders cancelled after their payment was declined");
		this.confirmedSaga = saga(registry, "confirmed");
		this.cancelledSaga = saga(registry, "cancelled");
	}

	void placed() {
		this.placed.increment();
	}

	void confirmed(Order order) {
		this.confirmed.increment();
		this.confirmedSaga.record(sinceCreation(order));
	}

	void cancelled(Order order) {
		this.cancelled.increment();
		this.cancelledSaga.record(sinceCreation(order));
	}

	private Duration sinceCreation(Order order) {
		// Clocks of other instances may be behind this one's: never a negative time.
		Duration duration = Duration.between(order.createdAt(), Instant.now());
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static Counter counter(MeterRegistry registry, String status, String description) {
		return Counter.builder("microshop.orders." + status).description(description).register(registry);
	}

	private static Timer saga(MeterRegistry registry, String outcome) {
		return Timer.builder("microshop.saga.duration")
			.description("Time from an order's creation to its confirmation or cancellation")
			.tag("outcome", outcome)
			// Buckets for the p99 over all instances (histogram_quantile), from 10 ms
			// to 5 min: a saga waits for the outbox relay, Kafka and the payment.
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofMinutes(5))
			.register(registry);
	}

}
