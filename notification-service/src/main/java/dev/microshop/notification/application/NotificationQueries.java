package dev.microshop.notification.application;

import java.util.List;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;

import org.springframework.stereotype.Service;

/**
 * Reads notifications for the user they belong to, and for no one else.
 */
@Service
public class NotificationQueries {

	/** The most a user is shown at once. */
	public static final int MAX_LIMIT = 100;

	private final NotificationRepository notifications;

	NotificationQueries(NotificationRepository notifications) {
		this.notifications = notifications;
	}

	/**
	 * Returns the user's newest notifications first, at most {@code limit} (capped at
	 * {@link #MAX_LIMIT}).
	 */
	public List<Notification> forUser(String userId, int limit) {
		return this.notifications.findByUser(userId, Math.min(limit, MAX_LIMIT));
	}

	/**
	 * Returns how many of the user's notifications are not read yet.
	 */
	public long unreadCount(String userId) {
		return this.notifications.countUnread(userId);
	}

}
