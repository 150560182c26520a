package dev.microshop.user.application;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.microshop.common.error.ConflictException;
import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.EmailAlreadyRegisteredException;
import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.stereotype.Service;

/**
 * Registers a user with the {@code USER} role.
 */
@Service
public class RegisterUser {

	private final UserRepository users;

	private final Passwords passwords;

	RegisterUser(UserRepository users, Passwords passwords) {
		this.users = users;
		this.passwords = passwords;
	}

	/**
	 * Registers a user.
	 * @throws ConflictException if the e-mail address is registered already, in any
	 * letter case
	 */
	public User register(String email, String password, String displayName) {
		User user = new User(UUID.randomUUID().toString(), EmailAddress.of(email), displayName.strip(),
				this.passwords.hash(password), Set.of(Role.USER), Instant.now());
		try {
			// No lookup first: the unique index decides, also between two concurrent
			// requests.
			return this.users.insert(user, List.of(user.registration()));
		}
		catch (EmailAlreadyRegisteredException ex) {
			throw new ConflictException(ex.getMessage());
		}
	}

}
