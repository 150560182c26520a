package dev.microshop.payment.domain;

import java.util.List;

import dev.microshop.common.events.Event;

/**
 * Where payments are kept.
 */
public interface PaymentRepository {

	/**
	 * Stores a payment together with the events its decision produced in one atomic
	 * write, the events to be published from there.
	 * @return {@code false}, storing nothing, if the order already has a payment
	 */
	boolean add(Payment payment, List<? extends Event> events);

	/**
	 * Returns the user's payments, newest first.
	 */
	List<Payment> findByUser(String userId);

	/**
	 * Returns the user's payments of one order, newest first.
	 */
	List<Payment> findByUserAndOrder(String userId, String orderId);

}
