package dev.microshop.order.ordering.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The fault isolation around each call to user-service, with Resilience4j's instances
 * named {@value #NAME} (configured under {@code resilience4j.*.instances.user-service}):
 * a retry with backoff of the calls worth repeating, around a circuit breaker, around a
 * bulkhead (calls in flight), around a time limit on each attempt.
 * <p>
 * An attempt runs on a virtual thread of its own so that the time limit can give up on it
 * and interrupt it.
 */
final class UserServiceResilience implements AutoCloseable {

	static final String NAME = "user-service";

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	private final TimeLimiter timeLimiter;

	// Each attempt runs on its own thread, so that the time limiter can stop waiting for
	// it; it takes the caller's context along (the current observation: its client span
	// is a child of the request's span, in the same trace).
	private final ExecutorService attempts = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
			ContextSnapshotFactory.builder().build()::captureAll);

	UserServiceResilience(RetryRegistry retries, CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads,
			TimeLimiterRegistry timeLimiters) {
		this.retry = retries.retry(NAME);
		this.circuitBreaker = circuitBreakers.circuitBreaker(NAME);
		this.bulkhead = bulkheads.bulkhead(NAME);
		this.timeLimiter = timeLimiters.timeLimiter(NAME);
	}

	/**
	 * Makes the call under the policies.
	 * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException if the
	 * breaker is open
	 * @throws io.github.resilience4j.bulkhead.BulkheadFullException if too many calls are
	 * in flight
	 * @throws TimeoutException if the last attempt took longer than the time limit
	 * @throws InterruptedException if the caller was interrupted while waiting
	 * @throws RuntimeException what the last attempt threw
	 */
	<T> T call(Supplier<T> call) throws TimeoutException, InterruptedException {
		Callable<T> attempt = TimeLimiter.decorateFutureSupplier(this.timeLimiter,
				() -> this.attempts.submit(call::get));
		attempt = Bulkhead.decorateCallable(this.bulkhead, attempt);
		attempt = CircuitBreaker.decorateCallable(this.circuitBreaker, attempt);
		attempt = Retry.decorateCallable(this.retry, attempt);
		try {
			return attempt.call();
		}
		catch (RuntimeException | TimeoutException | InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("The call to " + NAME + " failed", ex);
		}
	}

	/**
	 * Whether a failed attempt is worth repeating: the request never reached user-service
	 * (no connection could be made), or user-service answered that it should be tried
	 * again (502, 503, 504). A time-out is not: the service is slow, and repeating the
	 * call adds to its load while the buyer waits longer. A 500 is the service's own
	 * failure, and a 4xx its answer.
	 */
	static boolean isWorthRetrying(Throwable failure) {
		if (failure instanceof HttpServerErrorException.BadGateway
				|| failure instanceof HttpServerErrorException.ServiceUnavailable
				|| failure instanceof HttpServerErrorException.GatewayTimeout) {
			return true;
		}
		return failure instanceof ResourceAccessException && (failure.getCause() instanceof ConnectException
				|| failure.getCause() instanceof HttpConnectTimeoutException);
	}

	@Override
	public void close() {
		this.attempts.shutdownNow();
	}

}
