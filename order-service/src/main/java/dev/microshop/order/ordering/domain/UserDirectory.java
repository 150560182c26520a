package dev.microshop.order.ordering.domain;

/**
 * Tells whether a user exists, as known to the service that owns the users.
 * <p>
 * A port, so that how the answer is obtained (remote call, timeouts, circuit breaking,
 * caching) is decided outside the rules that need it.
 */
public interface UserDirectory {

	/**
	 * Returns whether the user exists.
	 * @throws UserDirectoryUnavailableException if that cannot be told now
	 */
	boolean exists(String userId);

}
