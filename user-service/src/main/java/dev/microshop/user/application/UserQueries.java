package dev.microshop.user.application;

import dev.microshop.common.error.NotFoundException;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.stereotype.Service;

/**
 * Reads users.
 */
@Service
public class UserQueries {

	private final UserRepository users;

	UserQueries(UserRepository users) {
		this.users = users;
	}

	/**
	 * Returns the user with this id.
	 * @throws NotFoundException if there is none, such as a deleted user whose token is
	 * still valid
	 */
	public User byId(String id) {
		return this.users.findById(id).orElseThrow(() -> new NotFoundException("No user " + id));
	}

}
