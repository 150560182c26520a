package dev.microshop.notification.persistence;

import java.util.List;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;

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
	public Notification save(Notification notification) {
		return this.mongo.save(NotificationDocument.from(notification)).toNotification();
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
