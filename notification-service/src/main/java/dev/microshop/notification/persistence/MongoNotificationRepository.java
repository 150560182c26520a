package dev.microshop.notification.persistence;

import java.util.List;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoNotificationRepository implements NotificationRepository {

	private final MongoOperations mongo;

	MongoNotificationRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public boolean add(Notification notification) {
		try {
			this.mongo.insert(NotificationDocument.from(notification));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public List<Notification> findByUser(String userId, int limit) {
		Query query = Query.query(Criteria.where("userId").is(userId))
			.with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(limit);
		return this.mongo.find(query, NotificationDocument.class)
			.stream()
			.map(NotificationDocument::toNotification)
			.toList();
	}

	@Override
	public long countUnread(String userId) {
		return this.mongo.count(Query.query(Criteria.where("userId").is(userId).and("read").is(false)),
				NotificationDocument.class);
	}

	@Override
	public boolean markRead(String userId, String notificationId) {
		// The user id in the filter: a user can only ever mark their own notifications.
		Query mine = Query.query(Criteria.where("_id").is(notificationId).and("userId").is(userId));
		return this.mongo.updateFirst(mine, Update.update("read", true), NotificationDocument.class)
			.getMatchedCount() == 1;
	}

}
