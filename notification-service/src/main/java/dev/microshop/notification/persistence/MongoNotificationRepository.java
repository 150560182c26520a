package dev.microshop.notification.persistence;

import java.util.List;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

}
