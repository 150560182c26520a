package dev.microshop.order.ordering.client;

import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Asks user-service whether a user exists, and fails closed: any answer other than the
 * user or a 404 (refused connection, timeout, 5xx, no instance registered, an open
 * circuit, too many calls in flight) means it cannot be told.
 */
class RemoteUserDirectory implements UserDirectory {

	private static final Logger logger = LoggerFactory.getLogger(RemoteUserDirectory.class);

	private static final long NO_INSTANCE_PAUSE_MILLIS = 100;

	private final UserServiceClient client;

	private final UserServiceResilience resilience;

	RemoteUserDirectory(UserServiceClient client, UserServiceResilience resilience) {
		this.client = client;
		this.resilience = resilience;
	}

	@Override
	public boolean exists(String userId) {
		try {
			this.resilience.call(() -> get(userId));
			return true;
		}
		catch (HttpClientErrorException.NotFound ex) {
			return false;
		}
		catch (RestClientException | IllegalStateException | CallNotPermittedException | BulkheadFullException
				| TimeoutException ex) {
			// IllegalStateException: the load balancer found no instance of user-service.
			logger.warn("user-service could not tell whether user {} exists: {}", userId, ex.toString());
			throw unavailable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(ex);
		}
	}

	/**
	 * One attempt. While the load balancer knows no instance of user-service, as right
	 * after start-up before discovery has told this service about it, the attempt asks
	 * again every {@value #NO_INSTANCE_PAUSE_MILLIS} ms until the attempt's time limit
	 * interrupts it: an order placed then waits for user-service instead of failing at
	 * once.
	 */
	private UserServiceClient.UserSummary get(String userId) {
		while (true) {
			try {
				return this.client.get(userId);
			}
			catch (IllegalStateException ex) {
				if (!isNoInstance(ex)) {
					throw ex;
				}
				try {
					Thread.sleep(NO_INSTANCE_PAUSE_MILLIS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * Whether the load balancer found no instance: Spring Cloud's blocking client says so
	 * with a plain {@link IllegalStateException} and this message.
	 */
	static boolean isNoInstance(Throwable failure) {
		return failure instanceof IllegalStateException && failure.getMessage() != null
				&& failure.getMessage().startsWith("No instances available");
	}

	private static UserDirectoryUnavailableException unavailable(Exception cause) {
		return new UserDirectoryUnavailableException(
				"The order could not be placed because the user service is unavailable; nothing was stored. Try again later.",
				cause);
	}

}
