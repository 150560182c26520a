package dev.microshop.common.error;

/**
 * The request is well formed but breaks a business rule, such as an unknown product:
 * answered 400.
 */
public class InvalidRequestException extends RuntimeException {

	public InvalidRequestException(String message) {
		super(message);
	}

}
