package dev.microshop.order.ordering.domain;

/**
 * The caller is not a user the directory knows (deleted, or a forged identity), so they
 * may not place orders.
 */
public class UnknownUserException extends RuntimeException {

	public UnknownUserException(String userId) {
		super("Unknown user " + userId);
	}

}
