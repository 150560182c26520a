package dev.microshop.user.domain;

/**
 * Thrown when a user is added with an e-mail address another user already has.
 */
public class EmailAlreadyRegisteredException extends RuntimeException {

	public EmailAlreadyRegisteredException(EmailAddress email) {
		super("The e-mail address " + email + " is already registered");
	}

}
