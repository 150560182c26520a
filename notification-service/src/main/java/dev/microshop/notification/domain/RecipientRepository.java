package dev.microshop.notification.domain;

import java.util.Optional;

/**
 * The service's own copy of the users it writes to.
 */
public interface RecipientRepository {

	void save(Recipient recipient);

	Optional<Recipient> findById(String userId);

}
