package dev.microshop.user.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.microshop.user.domain.SigningKey;
import dev.microshop.user.domain.SigningKeyRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

@Repository
class MongoSigningKeyRepository implements SigningKeyRepository {

	private final MongoOperations mongo;

	MongoSigningKeyRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<SigningKey> findActive() {
		return Optional.ofNullable(this.mongo.findById(SigningKeyDocument.ACTIVE_ID, SigningKeyDocument.class))
			.map(SigningKeyDocument::toSigningKey);
	}

	@Override
	public List<SigningKey> findAll() {
		// During a rotation the outgoing key may briefly exist both as the active
		// document
		// and as its retired copy: keep one per kid, the active one.
		Map<String, SigningKey> byKid = new LinkedHashMap<>();
		for (SigningKeyDocument document : this.mongo.findAll(SigningKeyDocument.class)) {
			SigningKey key = document.toSigningKey();
			byKid.merge(key.kid(), key, (first, second) -> first.active() ? first : second);
		}
		return List.copyOf(byKid.values());
	}

	@Override
	public SigningKey activateIfNone(SigningKey candidate) {
		if (!candidate.active()) {
			throw new IllegalArgumentException("Only an active key can be activated");
		}
		try {
			return this.mongo.insert(SigningKeyDocument.from(candidate)).toSigningKey();
		}
		catch (DuplicateKeyException ex) {
			// Another replica stored its key first: everyone signs with that one.
			return findActive().orElseThrow(() -> new IllegalStateException("The active signing key vanished", ex));
		}
	}

}
