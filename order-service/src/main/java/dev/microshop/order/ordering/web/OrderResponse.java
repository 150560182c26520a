package dev.microshop.order.ordering.web;

import java.time.Instant;
import java.util.List;

import dev.microshop.common.money.Money;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderLine;
import dev.microshop.order.ordering.domain.OrderStatus;

record OrderResponse(String id, OrderStatus status, List<Item> items, Money total, Instant createdAt) {

	static OrderResponse from(Order order) {
		return new OrderResponse(order.id(), order.status(), order.lines().stream().map(Item::from).toList(),
				order.total(), order.createdAt());
	}

	record Item(String productId, String name, Money unitPrice, int quantity, Money lineTotal) {

		static Item from(OrderLine line) {
			return new Item(line.productId(), line.name(), line.unitPrice(), line.quantity(), line.lineTotal());
		}

	}

}
