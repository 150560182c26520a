package dev.microshop.user.persistence;

import java.util.List;
import java.util.Optional;

import dev.microshop.common.events.Event;
import dev.microshop.common.outbox.Outbox;
import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.EmailAlreadyRegisteredException;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoUserRepository implements UserRepository {

	private final MongoOperations mongo;

	private final Outbox outbox;

	MongoUserRepository(MongoOperations mongo, Outbox outbox) {
		this.mongo = mongo;
		this.outbox = outbox;
	}

	@Override
	public User insert(User user, List<? extends Event> events) {
		try {
			this.outbox.insert(events, (messages) -> UserDocument.from(user, messages));
		}
		catch (DuplicateKeyException ex) {
			// Ids are random UUIDs, so the only key that can clash is the e-mail index.
			throw new EmailAlreadyRegisteredException(user.email());
		}
		return user;
	}

	@Override
	public User update(User user) {
		// Field by field, never a whole-document replace: that would drop unpublished
		// events.
		Update changes = Update.update("displayName", user.displayName())
			.set("passwordHash", user.passwordHash())
			.set("roles", List.copyOf(user.roles()));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(user.id())), changes, UserDocument.class);
		return user;
	}

	@Override
	public Optional<User> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, UserDocument.class)).map(UserDocument::toUser);
	}

	@Override
	public Optional<User> findByEmail(EmailAddress email) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("email").is(email.value())), UserDocument.class))
			.map(UserDocument::toUser);
	}

}
