package dev.microshop.user.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import dev.microshop.common.events.UserRegistered;

/**
 * A registered user. The password is only ever held as a one-way hash.
 *
 * @param id the user id, the {@code sub} of the user's tokens
 * @param email the normalized e-mail address, unique among users
 * @param displayName the name shown to others
 * @param passwordHash the password hash, with its algorithm prefix (such as
 * {@code {bcrypt}})
 * @param roles the user's roles, never empty
 * @param createdAt when the user registered
 */
public record User(String id, EmailAddress email, String displayName, String passwordHash, Set<Role> roles,
		Instant createdAt) {

	public User {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(passwordHash, "passwordHash");
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("A user has at least one role");
		}
		// EnumSet keeps the roles in declaration order: USER before ADMIN, in every
		// token.
		roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
	}

	/**
	 * Returns a copy of this user with another password hash.
	 */
	public User withPasswordHash(String passwordHash) {
		return new User(this.id, this.email, this.displayName, passwordHash, this.roles, this.createdAt);
	}

	/**
	 * Returns a copy of this user with another set of roles.
	 */
	public User withRoles(Set<Role> roles) {
		return new User(this.id, this.email, this.displayName, this.passwordHash, roles, this.createdAt);
	}

	/**
	 * Returns the event that tells the other services this user registered.
	 */
	public UserRegistered registration() {
		return new UserRegistered(this.id, this.email.value(), this.displayName);
	}

	// Even a hash is worth keeping out of logs: it can be attacked offline.
	@Override
	public String toString() {
		return "User[id=" + this.id + ", email=" + this.email + ", roles=" + this.roles + "]";
	}

}
