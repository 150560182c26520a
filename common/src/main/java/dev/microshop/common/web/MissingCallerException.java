package dev.microshop.common.web;

/**
 * Thrown when an endpoint that needs a caller is reached without identity headers.
 */
public class MissingCallerException extends RuntimeException {

	public MissingCallerException() {
		super("This endpoint needs an authenticated caller");
	}

}
