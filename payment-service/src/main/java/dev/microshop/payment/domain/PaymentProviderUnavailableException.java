package dev.microshop.payment.domain;

/**
 * The provider did not answer: a transient failure, retried later.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

	public PaymentProviderUnavailableException(String message) {
		super(message);
	}

}
