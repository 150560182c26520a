package dev.microshop.order.catalog.domain;

import java.util.Objects;

import dev.microshop.common.money.Money;

/**
 * A product on sale, at the price every order pays for it.
 *
 * @param id the stable, human-readable id (a slug such as {@code espresso-machine})
 * @param name the name shown to buyers
 * @param price the unit price
 */
public record Product(String id, String name, Money price) {

	public Product {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(price, "price");
	}

}
