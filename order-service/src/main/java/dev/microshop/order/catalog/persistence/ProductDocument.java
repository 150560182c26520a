package dev.microshop.order.catalog.persistence;

import dev.microshop.common.money.Money;
import dev.microshop.order.catalog.domain.Product;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A product as stored: the slug is the document id, the price is minor units and a
 * currency.
 */
@Document("products")
record ProductDocument(@Id String id, String name, long priceMinor, String currency) {

	Product toProduct() {
		return new Product(this.id, this.name, Money.ofMinor(this.priceMinor, this.currency));
	}

}
