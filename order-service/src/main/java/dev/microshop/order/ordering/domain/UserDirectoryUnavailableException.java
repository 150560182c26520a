package dev.microshop.order.ordering.domain;

import dev.microshop.common.error.ServiceUnavailableException;

/**
 * Whether a user exists cannot be told now (the directory is down, slow or failing), so
 * nothing that depends on it may go ahead.
 */
public class UserDirectoryUnavailableException extends ServiceUnavailableException {

	public UserDirectoryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
