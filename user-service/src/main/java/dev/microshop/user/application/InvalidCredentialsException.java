package dev.microshop.user.application;

/**
 * Thrown when a login names an unknown e-mail address or the wrong password; which of the
 * two is never told.
 */
public class InvalidCredentialsException extends RuntimeException {

	InvalidCredentialsException() {
		super("The e-mail address or the password is wrong");
	}

}
