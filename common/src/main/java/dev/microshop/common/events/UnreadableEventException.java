package dev.microshop.common.events;

/**
 * A record is not an event this service can read: malformed JSON, an unknown type or a
 * newer version. Retrying cannot help, so it goes to the dead-letter topic at once.
 */
public class UnreadableEventException extends RuntimeException {

	public UnreadableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
