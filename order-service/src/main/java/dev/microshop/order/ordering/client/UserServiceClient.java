package dev.microshop.order.ordering.client;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The internal API of user-service (never routed by the gateway).
 */
@HttpExchange("/internal/users")
interface UserServiceClient {

	/**
	 * Returns the user; a user that does not exist is answered 404.
	 */
	@GetExchange("/{id}")
	UserSummary get(@PathVariable String id);

	record UserSummary(String id, String email, String displayName) {

	}

}
