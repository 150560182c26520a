package dev.microshop.user.domain;

/**
 * What a user may do; carried in the token's {@code roles} claim and, through the
 * gateway, in the {@code X-User-Roles} header.
 */
public enum Role {

	USER, ADMIN

}
