package dev.microshop.notification.persistence;

import java.util.Optional;

import dev.microshop.notification.domain.Recipient;
import dev.microshop.notification.domain.RecipientRepository;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

@Repository
class MongoRecipientRepository implements RecipientRepository {

	private final MongoOperations mongo;

	MongoRecipientRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void save(Recipient recipient) {
		this.mongo.save(new RecipientDocument(recipient.userId(), recipient.email(), recipient.displayName()));
	}

	@Override
	public Optional<Recipient> findById(String userId) {
		return Optional.ofNullable(this.mongo.findById(userId, RecipientDocument.class))
			.map((found) -> new Recipient(found.id(), found.email(), found.displayName()));
	}

	@Document("recipients")
	record RecipientDocument(@Id String id, String email, String displayName) {

	}

}
