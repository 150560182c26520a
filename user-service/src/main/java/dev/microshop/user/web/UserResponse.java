package dev.microshop.user.web;

import dev.microshop.user.domain.User;

record UserResponse(String id, String email, String displayName) {

	static UserResponse from(User user) {
		return new UserResponse(user.id(), user.email().value(), user.displayName());
	}

}
