package dev.microshop.order.ordering.domain;

import java.util.Objects;

import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.common.money.Money;

/**
 * One product of an order, at the catalog price of the moment it was placed.
 *
 * @param productId the product ordered
 * @param name the product's name when ordered
 * @param unitPrice the product's price when ordered
 * @param quantity how many, at least one
 */
public record OrderLine(String productId, String name, Money unitPrice, int quantity) {

	public OrderLine {
		Objects.requireNonNull(productId, "productId");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(unitPrice, "unitPrice");
		if (quantity < 1) {
			throw new InvalidRequestException("The quantity of " + productId + " must be at least 1");
		}
	}

	public Money lineTotal() {
		return this.unitPrice.times(this.quantity);
	}

	/**
	 * Returns this line with the other line's quantity added: both must be of the same
	 * product at the same price.
	 */
	OrderLine plus(OrderLine other) {
		if (!this.productId.equals(other.productId) || !this.unitPrice.equals(other.unitPrice)) {
			throw new IllegalArgumentException("Only lines of the same product at the same price can be merged");
		}
		return new OrderLine(this.productId, this.name, this.unitPrice, Math.addExact(this.quantity, other.quantity));
	}

}
