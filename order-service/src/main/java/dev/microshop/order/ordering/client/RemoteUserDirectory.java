package dev.microshop.order.ordering.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Asks user-service whether a user exists, and fails closed: any answer other than the
 * user or a 404 (refused connection, timeout, 5xx, no instance registered) means it
 * cannot be told.
 */
class RemoteUserDirectory implements UserDirectory {

	private static final Logger logger = LoggerFactory.getLogger(RemoteUserDirectory.class);

	private final UserServiceClient client;

	RemoteUserDirectory(UserServiceClient client) {
		this.client = client;
	}

	@Override
	public boolean exists(String userId) {
		try {
			this.client.get(userId);
			return true;
		}
		catch (HttpClientErrorException.NotFound ex) {
			return false;
		}
		catch (RestClientException | IllegalStateException ex) {
			// IllegalStateException: the load balancer found no instance of user-service.
			logger.warn("user-service could not tell whether user {} exists: {}", userId, ex.toString());
			throw new UserDirectoryUnavailableException(
					"The order could not be placed because the user service is unavailable; nothing was stored. Try again later.",
					ex);
		}
	}

}
