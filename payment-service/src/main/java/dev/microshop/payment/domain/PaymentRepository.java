package dev.microshop.payment.domain;

import java.util.List;

/**
 * Where payments are kept.
 */
public interface PaymentRepository {

	/**
	 * Stores a payment together with its {@link Payment#outcome() outcome event} in one
	 * atomic write, the event to be published from there.
	 * @return {@code false}, storing nothing, if the order already has a payment
	 */
	boolean add(Payment payment);

	boolean existsForOrder(String orderId);

	/**
	 * Returns the user's payments, newest first.
	 */
	List<Payment> findByUser(String userId);

	/**
	 * Returns the user's payments of one order, newest first.
	 */
	List<Payment> findByUserAndOrder(String userId, String orderId);

}
