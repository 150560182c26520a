package dev.microshop.common.error;

/**
 * The request clashes with the current state, such as an e-mail already registered:
 * answered 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
