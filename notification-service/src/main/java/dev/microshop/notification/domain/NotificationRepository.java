package dev.microshop.notification.domain;

import java.util.List;

/**
 * Where notifications are kept.
 */
public interface NotificationRepository {

	Notification save(Notification notification);

	/**
	 * Returns the user's newest notifications first, at most {@code limit}.
	 */
	List<Notification> findByUser(String userId, int limit);

}
