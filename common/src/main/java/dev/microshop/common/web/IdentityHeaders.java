package dev.microshop.common.web;

/**
 * Headers that carry the caller's verified identity from the gateway to the services.
 * <p>
 * The gateway removes any client-supplied copy of these headers and sets them from the
 * JWT it has verified, so a service reads identity from here and from nowhere else.
 */
public final class IdentityHeaders {

	/** The caller's user id (the token's {@code sub}). */
	public static final String USER_ID = "X-User-Id";

	/** The caller's roles, comma separated. */
	public static final String USER_ROLES = "X-User-Roles";

	/** Every header name starting with this prefix is stripped from client requests. */
	public static final String PREFIX = "X-User-";

	private IdentityHeaders() {
	}

}
