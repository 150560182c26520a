package dev.microshop.user.persistence;

import java.util.Optional;

import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.EmailAlreadyRegisteredException;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

@Repository
class MongoUserRepository implements UserRepository {

	private final MongoOperations mongo;

	MongoUserRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public User insert(User user) {
		try {
			return this.mongo.insert(UserDocument.from(user)).toUser();
		}
		catch (DuplicateKeyException ex) {
			// Ids are random UUIDs, so the only key that can clash is the e-mail index.
			throw new EmailAlreadyRegisteredException(user.email());
		}
	}

	@Override
	public User update(User user) {
		return this.mongo.save(UserDocument.from(user)).toUser();
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
