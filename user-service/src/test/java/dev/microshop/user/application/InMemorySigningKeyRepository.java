package dev.microshop.user.application;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.microshop.user.domain.SigningKey;
import dev.microshop.user.domain.SigningKeyRepository;

/**
 * A {@link SigningKeyRepository} holding one active key in memory.
 */
class InMemorySigningKeyRepository implements SigningKeyRepository {

	private final AtomicReference<SigningKey> active = new AtomicReference<>();

	@Override
	public Optional<SigningKey> findActive() {
		return Optional.ofNullable(this.active.get());
	}

	@Override
	public List<SigningKey> findAll() {
		return findActive().stream().toList();
	}

	@Override
	public SigningKey activateIfNone(SigningKey candidate) {
		this.active.compareAndSet(null, candidate);
		return this.active.get();
	}

}
