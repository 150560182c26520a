package dev.microshop.user.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where the signing keys are kept, shared by every replica of the service.
 * <p>
 * At most one key is active. Keys that are no longer active stay until the last token
 * they signed has expired, so that a rotation can swap the active key without
 * invalidating tokens already handed out.
 */
public interface SigningKeyRepository {

	Optional<SigningKey> findActive();

	/**
	 * Returns every stored key, the active one included, each once.
	 */
	List<SigningKey> findAll();

	/**
	 * Makes {@code candidate} the active key unless a key is active already, as when
	 * another replica started at the same moment and won.
	 * @return the key that is active afterwards: {@code candidate} or the winner's
	 */
	SigningKey activateIfNone(SigningKey candidate);

}
