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

}
