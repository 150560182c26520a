package dev.microshop.common.error;

/**
 * Something the caller asked for does not exist, or is not theirs to see: answered 404.
 * <p>
 * Reading another user's resource is reported as not found, never as forbidden, so that
 * ids cannot be probed.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
