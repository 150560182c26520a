package dev.microshop.user.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.microshop.common.events.Event;
import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.EmailAlreadyRegisteredException;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

/**
 * A {@link UserRepository} in a map, unique by e-mail address like the real one.
 */
class InMemoryUserRepository implements UserRepository {

	private final Map<EmailAddress, User> byEmail = new ConcurrentHashMap<>();

	@Override
	public User insert(User user, List<? extends Event> events) {
		if (this.byEmail.putIfAbsent(user.email(), user) != null) {
			throw new EmailAlreadyRegisteredException(user.email());
		}
		return user;
	}

	@Override
	public User update(User user) {
		this.byEmail.put(user.email(), user);
		return user;
	}

	@Override
	public Optional<User> findById(String id) {
		return this.byEmail.values().stream().filter((user) -> user.id().equals(id)).findFirst();
	}

	@Override
	public Optional<User> findByEmail(EmailAddress email) {
		return Optional.ofNullable(this.byEmail.get(email));
	}

}
