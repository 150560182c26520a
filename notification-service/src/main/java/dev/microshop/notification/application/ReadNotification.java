package dev.microshop.notification.application;

import dev.microshop.common.error.NotFoundException;
import dev.microshop.notification.domain.NotificationRepository;

import org.springframework.stereotype.Service;

/**
 * Marks a notification read, for the user it belongs to and for no one else.
 */
@Service
public class ReadNotification {

	private final NotificationRepository notifications;

	ReadNotification(NotificationRepository notifications) {
		this.notifications = notifications;
	}

	/**
	 * Marks the user's notification read; reading it again changes nothing.
	 * @throws NotFoundException if it does not exist or is another user's
	 */
	public void read(String userId, String notificationId) {
		if (!this.notifications.markRead(userId, notificationId)) {
			throw new NotFoundException("No notification " + notificationId);
		}
	}

}
