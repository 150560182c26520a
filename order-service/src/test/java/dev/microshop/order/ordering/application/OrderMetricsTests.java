package dev.microshop.order.ordering.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.microshop.common.money.Money;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderLine;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OrderMetrics metrics = new OrderMetrics(this.registry);

	@Test
	void everyMeterReadsZeroBeforeTheFirstOrder() {
		for (String counter : List.of("placed", "confirmed", "cancelled")) {
			assertThat(this.registry.get("microshop.orders." + counter).counter().count()).isZero();
		}
		for (String outcome : List.of("confirmed", "cancelled")) {
			assertThat(this.registry.get("microshop.saga.duration").tag("outcome", outcome).timer().count()).isZero();
		}
	}

	@Test
	void aSagaIsTimedFromTheOrdersCreation() {
		Order order = Order.place("o-1", "alice",
				List.of(new OrderLine("coffee-beans", "Coffee beans", Money.of("12.90", "EUR"), 1)),
				Instant.now().minusSeconds(3));

		this.metrics.cancelled(order);

		assertThat(this.registry.get("microshop.orders.cancelled").counter().count()).isOne();
		assertThat(this.registry.get("microshop.saga.duration").tag("outcome", "cancelled").timer())
			.satisfies((timer) -> assertThat(timer.count()).isOne())
			.satisfies((timer) -> assertThat(Duration.ofNanos((long) timer.totalTime(TimeUnit.NANOSECONDS)))
				.isBetween(Duration.ofSeconds(3), Duration.ofSeconds(30)));
		assertThat(this.registry.get("microshop.saga.duration").tag("outcome", "confirmed").timer().count()).isZero();
	}

}
