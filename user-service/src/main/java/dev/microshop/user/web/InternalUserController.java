package dev.microshop.user.web;

import dev.microshop.user.application.UserQueries;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lookups for the other services. The gateway never routes {@code /internal/**}, so only
 * callers inside the platform's network reach it.
 */
@RestController
@RequestMapping("/internal/users")
class InternalUserController {

	private final UserQueries queries;

	InternalUserController(UserQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/{id}")
	UserResponse user(@PathVariable String id) {
		return UserResponse.from(this.queries.byId(id));
	}

}
