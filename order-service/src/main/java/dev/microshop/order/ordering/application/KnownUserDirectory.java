package dev.microshop.order.ordering.application;

import dev.microshop.common.events.UserRegistered;
import dev.microshop.order.ordering.domain.KnownUsers;
import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Service;

/**
 * Tells whether a user exists from the users this service has seen registered (the
 * {@code user-events} topic), and asks user-service only about a user not seen yet, such
 * as one who registered a moment ago, or before this service read the topic. A user
 * user-service confirms is remembered too.
 * <p>
 * Users are never deleted, so a user once known stays known. Asking user-service on every
 * order cost it, and this service, more than the rest of the order's placement.
 */
@Service
@Primary
public class KnownUserDirectory implements UserDirectory {

	private final KnownUsers known;

	private final UserDirectory userService;

	KnownUserDirectory(KnownUsers known, @Qualifier("remoteUserDirectory") UserDirectory userService) {
		this.known = known;
		this.userService = userService;
	}

	/**
	 * {@inheritDoc}
	 * @throws UserDirectoryUnavailableException if the user is not known here and
	 * user-service cannot tell now
	 */
	@Override
	public boolean exists(String userId) {
		if (this.known.contains(userId)) {
			return true;
		}
		if (this.userService.exists(userId)) {
			this.known.add(userId);
			return true;
		}
		return false;
	}

	public void on(UserRegistered event) {
		this.known.add(event.userId());
	}

}
