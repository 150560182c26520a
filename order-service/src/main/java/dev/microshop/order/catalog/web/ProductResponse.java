package dev.microshop.order.catalog.web;

import dev.microshop.common.money.Money;
import dev.microshop.order.catalog.domain.Product;

record ProductResponse(String id, String name, Money price) {

	static ProductResponse from(Product product) {
		return new ProductResponse(product.id(), product.name(), product.price());
	}

}
