package dev.microshop.payment.domain;

import dev.microshop.common.money.Money;

/**
 * The outside system that authorizes payments.
 */
public interface PaymentProvider {

	/**
	 * Asks for the authorization of an order's payment. The order id is the idempotency
	 * key a real provider would be given, so that asking twice charges once.
	 * @throws PaymentProviderUnavailableException when the provider cannot answer now
	 */
	PaymentDecision authorize(String orderId, Money amount);

}
