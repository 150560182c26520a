package dev.microshop.common.events;

import dev.microshop.common.money.Money;

/**
 * An order was paid and is confirmed.
 *
 * @param orderId the order
 * @param userId the user who placed it
 * @param total what was paid
 */
public record OrderConfirmed(String orderId, String userId, Money total) implements Event {

	@Override
	public String aggregateId() {
		return this.orderId;
	}

}
