package dev.microshop.user.domain;

import java.util.List;
import java.util.Optional;

import dev.microshop.common.events.Event;

/**
 * Where users are kept. Each e-mail address belongs to at most one user, which the store
 * itself enforces.
 */
public interface UserRepository {

	/**
	 * Adds a new user together with the events its registration produced, in one atomic
	 * write, the events to be published from there.
	 * @throws EmailAlreadyRegisteredException if another user has the same e-mail
	 * address, even when both are added at the same time
	 */
	User insert(User user, List<? extends Event> events);

	/**
	 * Changes the display name, password hash and roles of a user that already exists.
	 */
	User update(User user);

	Optional<User> findById(String id);

	Optional<User> findByEmail(EmailAddress email);

}
