package dev.microshop.order.ordering.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.microshop.order.ordering.application.PlaceOrder;
import dev.microshop.order.ordering.domain.Order;

/**
 * What a buyer asks for: products and quantities only. Prices come from the catalog; any
 * price sent along is ignored.
 *
 * @param items the lines; lines of the same product are merged, quantities added
 */
record PlaceOrderRequest(@NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Item> items) {

	List<PlaceOrder.Item> toItems() {
		return this.items.stream().map((item) -> new PlaceOrder.Item(item.productId(), item.quantity())).toList();
	}

	record Item(@NotBlank String productId, @NotNull @Min(1) @Max(Order.MAX_QUANTITY) Integer quantity) {

	}

}
