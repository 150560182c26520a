package dev.microshop.order.ordering.application;

import java.util.List;

import dev.microshop.common.error.NotFoundException;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository;

import org.springframework.stereotype.Service;

/**
 * Reads orders for the user who placed them, and for no one else.
 */
@Service
public class OrderQueries {

	private final OrderRepository orders;

	OrderQueries(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Returns one page of the user's orders, newest first.
	 */
	public List<Order> forUser(String userId, int page, int size) {
		return this.orders.findByUser(userId, page, size);
	}

	/**
	 * Returns the user's order.
	 * @throws NotFoundException if it does not exist or is another user's
	 */
	public Order get(String userId, String orderId) {
		return this.orders.findByIdAndUser(orderId, userId)
			.orElseThrow(() -> new NotFoundException("No order " + orderId));
	}

}
