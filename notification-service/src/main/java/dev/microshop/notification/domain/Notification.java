package dev.microshop.notification.domain;

import java.time.Instant;

/**
 * A message for one user about something that happened to their account or orders.
 *
 * @param id the notification id: the id of the event it was made from, so that an event
 * delivered twice makes one notification
 * @param userId the user it is for
 * @param type what it is about
 * @param message the text shown to the user
 * @param orderId the order it is about, or {@code null}
 * @param read whether the user has read it
 * @param createdAt when it was created
 */
public record Notification(String id, String userId, NotificationType type, String message, String orderId,
		boolean read, Instant createdAt) {

}
