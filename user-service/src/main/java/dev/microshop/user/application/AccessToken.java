package dev.microshop.user.application;

import java.time.Duration;

/**
 * A signed JWT that lets its bearer act as a user until it expires.
 *
 * @param value the compact JWT
 * @param expiresIn how long it is valid from now
 */
public record AccessToken(String value, Duration expiresIn) {

	// A bearer token in a log is a session anyone reading the log can take over.
	@Override
	public String toString() {
		return "AccessToken[expiresIn=" + this.expiresIn + "]";
	}

}
