package dev.microshop.common.web;

import java.util.Set;

/**
 * The authenticated user a request is made for, as verified by the gateway.
 * <p>
 * Declare it as a controller method parameter to receive it; a request without identity
 * headers is answered 401 before the method runs.
 *
 * @param userId the user id
 * @param roles the user's roles, such as {@code USER} or {@code ADMIN}
 */
public record Caller(String userId, Set<String> roles) {

	public Caller {
		roles = Set.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
