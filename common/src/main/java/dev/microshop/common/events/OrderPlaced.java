package dev.microshop.common.events;

import java.util.List;

import dev.microshop.common.money.Money;

/**
 * A user placed an order: its payment is now due.
 *
 * @param orderId the order
 * @param userId the user who placed it
 * @param total what the order costs
 * @param lines what was ordered
 */
public record OrderPlaced(String orderId, String userId, Money total, List<Line> lines) implements Event {

	public OrderPlaced {
		lines = List.copyOf(lines);
	}

	@Override
	public String aggregateId() {
		return this.orderId;
	}

	/**
	 * One line of the order.
	 *
	 * @param productId the product
	 * @param quantity how many
	 * @param unitPrice the catalog price when the order was placed
	 */
	public record Line(String productId, int quantity, Money unitPrice) {

	}

}
