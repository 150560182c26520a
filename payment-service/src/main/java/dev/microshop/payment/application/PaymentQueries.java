package dev.microshop.payment.application;

import java.util.List;

import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentRepository;

import org.springframework.stereotype.Service;

/**
 * Reads payments for the user they belong to, and for no one else.
 */
@Service
public class PaymentQueries {

	private final PaymentRepository payments;

	PaymentQueries(PaymentRepository payments) {
		this.payments = payments;
	}

	/**
	 * Returns the user's payments, of one order when {@code orderId} is given.
	 */
	public List<Payment> forUser(String userId, String orderId) {
		return (orderId != null) ? this.payments.findByUserAndOrder(userId, orderId) : this.payments.findByUser(userId);
	}

}
