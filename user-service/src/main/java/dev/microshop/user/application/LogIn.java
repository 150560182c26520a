package dev.microshop.user.application;

import java.util.Optional;

import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.stereotype.Service;

/**
 * Checks a user's password and issues an access token.
 */
@Service
public class LogIn {

	private final UserRepository users;

	private final Passwords passwords;

	private final TokenIssuer tokens;

	LogIn(UserRepository users, Passwords passwords, TokenIssuer tokens) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
	}

	/**
	 * Returns an access token for the user with this e-mail address and password.
	 * @throws InvalidCredentialsException if there is no such user or the password is
	 * wrong, answered alike and in about the same time
	 */
	public AccessToken logIn(String email, String password) {
		Optional<User> user = this.users.findByEmail(EmailAddress.of(email));
		if (user.isEmpty()) {
			this.passwords.matchNone(password);
			throw new InvalidCredentialsException();
		}
		if (!this.passwords.matches(password, user.get().passwordHash())) {
			throw new InvalidCredentialsException();
		}
		return this.tokens.issue(user.get());
	}

}
