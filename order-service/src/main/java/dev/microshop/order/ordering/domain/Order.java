package dev.microshop.order.ordering.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.common.events.OrderPlaced;
import dev.microshop.common.money.Money;

/**
 * An order of one user: its lines, their total and where it stands.
 * <p>
 * The aggregate is stored as one document, lines embedded, so that any change to it is
 * atomic without transactions.
 *
 * @param id the order id
 * @param userId the user who placed it
 * @param status where it stands
 * @param lines one line per product, in the order first asked for
 * @param createdAt when it was placed
 */
public record Order(String id, String userId, OrderStatus status, List<OrderLine> lines, Instant createdAt) {

	/** The most different products one order may hold. */
	public static final int MAX_LINES = 50;

	/** The most items of one product one order may hold. */
	public static final int MAX_QUANTITY = 100;

	public Order {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order has at least one line");
		}
		if (lines.stream().map(OrderLine::productId).distinct().count() != lines.size()) {
			throw new IllegalArgumentException("An order has one line per product");
		}
		if (lines.stream().map((line) -> line.unitPrice().currency()).distinct().count() != 1) {
			throw new IllegalArgumentException("An order is in one currency");
		}
	}

	/**
	 * Places a new order, pending payment.
	 * <p>
	 * Lines of the same product are merged into one, their quantities added; the merged
	 * order must hold between one and {@value #MAX_LINES} products, at most
	 * {@value #MAX_QUANTITY} of each, all priced in one currency.
	 * @throws InvalidRequestException if a rule is broken
	 */
	public static Order place(String id, String userId, List<OrderLine> lines, Instant placedAt) {
		if (lines.isEmpty()) {
			throw new InvalidRequestException("An order needs at least one item");
		}
		Map<String, OrderLine> merged = new LinkedHashMap<>();
		for (OrderLine line : lines) {
			merged.merge(line.productId(), line, OrderLine::plus);
		}
		if (merged.size() > MAX_LINES) {
			throw new InvalidRequestException("An order holds at most " + MAX_LINES + " different products");
		}
		for (OrderLine line : merged.values()) {
			if (line.quantity() > MAX_QUANTITY) {
				throw new InvalidRequestException("An order holds at most " + MAX_QUANTITY + " of one product, not "
						+ line.quantity() + " of " + line.productId());
			}
		}
		if (merged.values().stream().map((line) -> line.unitPrice().currency()).distinct().count() > 1) {
			throw new InvalidRequestException("An order cannot mix currencies");
		}
		return new Order(id, userId, OrderStatus.PENDING, List.copyOf(merged.values()), placedAt);
	}

	/**
	 * Returns the sum of the line totals.
	 */
	public Money total() {
		return this.lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
	}

	/**
	 * Returns the event that starts the order's payment.
	 */
	public OrderPlaced placed() {
		return new OrderPlaced(this.id, this.userId, total(),
				this.lines.stream()
					.map((line) -> new OrderPlaced.Line(line.productId(), line.quantity(), line.unitPrice()))
					.toList());
	}

}
