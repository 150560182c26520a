package dev.microshop.notification.domain;

/**
 * What this service knows of a user to write to them, kept from their
 * {@code UserRegistered} event so that no call to user-service is needed.
 *
 * @param userId the user id
 * @param email where to write
 * @param displayName how to greet them
 */
public record Recipient(String userId, String email, String displayName) {

}
