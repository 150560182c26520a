package dev.microshop.order.ordering.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where orders are kept, one document per order.
 */
public interface OrderRepository {

	/**
	 * Returns a new order id; ids taken later sort after it, so that orders placed in the
	 * same millisecond still list newest first.
	 */
	String nextId();

	Order save(Order order);

	/**
	 * Returns the order if it exists and belongs to the user.
	 */
	Optional<Order> findByIdAndUser(String id, String userId);

	/**
	 * Returns one page of the user's orders, newest first.
	 */
	List<Order> findByUser(String userId, int page, int size);

}
