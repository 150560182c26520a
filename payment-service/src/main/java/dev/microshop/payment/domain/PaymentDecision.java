package dev.microshop.payment.domain;

/**
 * What the payment provider answered.
 *
 * @param authorized whether the payment is authorized
 * @param reason why it was declined, or {@code null}
 */
public record PaymentDecision(boolean authorized, String reason) {

	public static PaymentDecision authorize() {
		return new PaymentDecision(true, null);
	}

	public static PaymentDecision decline(String reason) {
		return new PaymentDecision(false, reason);
	}

}
