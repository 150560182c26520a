package dev.microshop.order.ordering.domain;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.common.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class OrderTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void totalIsTheSumOfTheLineTotals() {
		Order order = place(line("coffee-beans", "12.90", 2), line("mechanical-keyboard", "250.00", 1));

		assertThat(order.lines()).extracting(OrderLine::lineTotal)
			.containsExactly(Money.of("25.80", "EUR"), Money.of("250.00", "EUR"));
		assertThat(order.total()).isEqualTo(Money.of("275.80", "EUR"));
	}

	@Test
	void totalIsExactWhereFloatingPointWouldNotBe() {
		Order order = place(line("sweet", "0.10", 3), line("sour", "0.20", 1));

		assertThat(order.total()).isEqualTo(Money.of("0.50", "EUR"));
	}

	@Test
	void aPlacedOrderIsPendingAndBelongsToItsBuyer() {
		Order order = place(line("ceramic-mug", "4.50", 1));

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.userId()).isEqualTo("alice");
		assertThat(order.createdAt()).isEqualTo(NOW);
	}

	@Test
	void linesOfTheSameProductAreMerged() {
		Order order = place(line("coffee-beans", "12.90", 1), line("ceramic-mug", "4.50", 1),
				line("coffee-beans", "12.90", 2));

		assertThat(order.lines()).extracting(OrderLine::productId, OrderLine::quantity)
			.containsExactly(tuple("coffee-beans", 3), tuple("ceramic-mug", 1));
		assertThat(order.total()).isEqualTo(Money.of("43.20", "EUR"));
	}

	@Test
	void anOrderNeedsAtLeastOneItem() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> place())
			.withMessageContaining("at least one item");
	}

	@Test
	void aQuantityIsAtLeastOne() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> line("ceramic-mug", "4.50", 0));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> line("ceramic-mug", "4.50", -1));
	}

	@Test
	void aQuantityIsAtMostTheMaximumEvenWhenMerged() {
		assertThat(place(line("ceramic-mug", "4.50", Order.MAX_QUANTITY)).lines().get(0).quantity()).isEqualTo(100);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> place(line("ceramic-mug", "4.50", Order.MAX_QUANTITY + 1)));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> place(line("ceramic-mug", "4.50", 60), line("ceramic-mug", "4.50", 41)))
			.withMessageContaining("101 of ceramic-mug");
	}

	@Test
	void anOrderHoldsAtMostTheMaximumOfDifferentProducts() {
		OrderLine[] atMost = lines(Order.MAX_LINES);
		assertThat(place(atMost).lines()).hasSize(50);
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> place(lines(Order.MAX_LINES + 1)));
	}

	@Test
	void anOrderIsInOneCurrency() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> place(line("ceramic-mug", "4.50", 1),
				new OrderLine("imported-mug", "Imported mug", Money.of("5.00", "USD"), 1)));
	}

	private static Order place(OrderLine... lines) {
		return Order.place("order-1", "alice", List.of(lines), NOW);
	}

	private static OrderLine line(String productId, String price, int quantity) {
		return new OrderLine(productId, productId, Money.of(price, "EUR"), quantity);
	}

	private static OrderLine[] lines(int count) {
		return IntStream.range(0, count).mapToObj((i) -> line("product-" + i, "1.00", 1)).toArray(OrderLine[]::new);
	}

}
