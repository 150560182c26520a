package dev.microshop.order.ordering.domain;

import java.util.List;
import java.util.Optional;

import dev.microshop.common.events.Event;

/**
 * Where orders are kept, one document per order.
 */
public interface OrderRepository {

	/**
	 * Returns a new order id; ids taken later sort after it, so that orders placed in the
	 * same millisecond still list newest first.
	 */
	String nextId();

	/**
	 * Stores a new order together with the events its placement produced, in one atomic
	 * write, the events to be published from there. With an idempotency key, the user's
	 * earlier order placed with the same key is returned instead, and nothing is stored.
	 * @param order the new order
	 * @param events what its placement produced, in order
	 * @param idempotencyKey the client's key for this placement, or {@code null}
	 * @return the order stored, or the earlier one
	 */
	Placement add(Order order, List<? extends Event> events, String idempotencyKey);

	/**
	 * Moves an order from one status to the next and stores the event that says so, in
	 * one atomic write, only if it still has the status it was read with.
	 * @return {@code false}, changing nothing, if another delivery moved it first
	 */
	boolean transition(Order from, Order to, Event event);

	Optional<Order> findById(String id);

	/**
	 * Returns the order if it exists and belongs to the user.
	 */
	Optional<Order> findByIdAndUser(String id, String userId);

	/**
	 * Returns one page of the user's orders, newest first.
	 */
	List<Order> findByUser(String userId, int page, int size);

	/**
	 * The order a placement ends with.
	 *
	 * @param order the order
	 * @param created {@code false} when an earlier order with the same idempotency key
	 * was found
	 */
	record Placement(Order order, boolean created) {

	}

}
