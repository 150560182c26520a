package dev.microshop.user.web;

import java.time.Instant;
import java.util.List;

import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;

record ProfileResponse(String id, String email, String displayName, List<Role> roles, Instant createdAt) {

	static ProfileResponse from(User user) {
		return new ProfileResponse(user.id(), user.email().value(), user.displayName(), List.copyOf(user.roles()),
				user.createdAt());
	}

}
