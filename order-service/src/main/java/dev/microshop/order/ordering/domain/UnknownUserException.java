package dev.microshop.order.ordering.domain;

import dev.microshop.common.error.ForbiddenException;

/**
 * The caller is not a user the directory knows (deleted, or a forged identity), so they
 * may not place orders.
 */
public class UnknownUserException extends ForbiddenException {

	public UnknownUserException(String userId) {
		super("The caller " + userId + " is not a known user and cannot place orders.");
	}

}
