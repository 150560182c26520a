package dev.microshop.common.events;

/**
 * An order was cancelled, the compensation of a declined payment.
 *
 * @param orderId the order
 * @param userId the user who placed it
 * @param reason why, in words the user can read
 */
public record OrderCancelled(String orderId, String userId, String reason) implements Event {

	@Override
	public String aggregateId() {
		return this.orderId;
	}

}
