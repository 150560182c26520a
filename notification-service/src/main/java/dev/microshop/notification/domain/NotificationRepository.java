package dev.microshop.notification.domain;

import java.util.List;

/**
 * Where notifications are kept.
 */
public interface NotificationRepository {

	/**
	 * Stores a new notification.
	 * @return {@code false}, storing nothing, if one with the same id exists already
	 */
	boolean add(Notification notification);

	/**
	 * Returns the user's newest notifications first, at most {@code limit}.
	 */
	List<Notification> findByUser(String userId, int limit);

	/**
	 * Counts the user's notifications not read yet.
	 */
	long countUnread(String userId);

	/**
	 * Marks the user's notification read; marking it again changes nothing.
	 * @return {@code false} if the user has no notification with that id
	 */
	boolean markRead(String userId, String notificationId);

}
