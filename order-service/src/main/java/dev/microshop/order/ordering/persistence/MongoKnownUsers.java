package dev.microshop.order.ordering.persistence;

import dev.microshop.order.ordering.domain.KnownUsers;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

@Repository
class MongoKnownUsers implements KnownUsers {

	private final MongoOperations mongo;

	MongoKnownUsers(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public boolean contains(String userId) {
		// A find by id: exists() counts, which the driver sends as an aggregation.
		return this.mongo.findById(userId, KnownUserDocument.class) != null;
	}

	@Override
	public void add(String userId) {
		// By id: a second registration event or a second instance writes the same
		// document.
		this.mongo.save(new KnownUserDocument(userId));
	}

	@Document("known_users")
	record KnownUserDocument(@Id String id) {

	}

}
