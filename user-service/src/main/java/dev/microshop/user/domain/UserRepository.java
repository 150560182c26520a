package dev.microshop.user.domain;

import java.util.Optional;

/**
 * Where users are kept. Each e-mail address belongs to at most one user, which the store
 * itself enforces.
 */
public interface UserRepository {

	/**
	 * Adds a new user.
	 * @throws EmailAlreadyRegisteredException if another user has the same e-mail
	 * address, even when both are added at the same time
	 */
	User insert(User user);

	/**
	 * Replaces a user that already exists.
	 */
	User update(User user);

	Optional<User> findById(String id);

	Optional<User> findByEmail(EmailAddress email);

}
