package dev.microshop.gateway.identity;

import java.util.List;

import dev.microshop.common.web.IdentityHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller's identity as the gateway relays it to the services, from a verified access
 * token: the one place that knows which claim carries the roles and how they travel.
 */
public final class CallerIdentity {

	/** The claim that carries the caller's roles, a JSON array of strings. */
	public static final String ROLES_CLAIM = "roles";

	private CallerIdentity() {
	}

	/**
	 * Sets {@link IdentityHeaders#USER_ID} to the token's {@code sub} and
	 * {@link IdentityHeaders#USER_ROLES} to its roles, comma separated (not at all when
	 * it has none).
	 */
	public static void relay(Jwt token, HttpHeaders headers) {
		headers.set(IdentityHeaders.USER_ID, token.getSubject());
		List<String> roles = token.getClaimAsStringList(ROLES_CLAIM);
		if (roles != null && !roles.isEmpty()) {
			headers.set(IdentityHeaders.USER_ROLES, String.join(",", roles));
		}
	}

}
