package dev.microshop.payment.domain;

import java.util.List;

/**
 * Where payments are kept.
 */
public interface PaymentRepository {

	Payment save(Payment payment);

	/**
	 * Returns the user's payments, newest first.
	 */
	List<Payment> findByUser(String userId);

	/**
	 * Returns the user's payments of one order, newest first.
	 */
	List<Payment> findByUserAndOrder(String userId, String orderId);

}
