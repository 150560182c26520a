package dev.microshop.user.web;

import dev.microshop.common.web.Caller;
import dev.microshop.user.application.UserQueries;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UserController {

	private final UserQueries queries;

	UserController(UserQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/me")
	ProfileResponse me(Caller caller) {
		return ProfileResponse.from(this.queries.byId(caller.userId()));
	}

}
