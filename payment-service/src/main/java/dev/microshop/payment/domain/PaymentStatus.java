package dev.microshop.payment.domain;

/**
 * Where a payment stands: authorized by the provider, or declined with a reason.
 */
public enum PaymentStatus {

	AUTHORIZED, DECLINED

}
