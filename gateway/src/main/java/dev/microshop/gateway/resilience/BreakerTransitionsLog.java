package dev.microshop.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Logs each change of a circuit breaker's state, so that the log says when and why a
 * route started being answered 503 by the gateway.
 */
@Component
class BreakerTransitionsLog implements RegistryEventConsumer<CircuitBreaker> {

	private static final Logger logger = LoggerFactory.getLogger(BreakerTransitionsLog.class);

	@Override
	public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
		event.getAddedEntry()
			.getEventPublisher()
			.onStateTransition((transition) -> logger.warn("Circuit breaker {}: {} (failure rate {}%, slow calls {}%)",
					transition.getCircuitBreakerName(), transition.getStateTransition(),
					event.getAddedEntry().getMetrics().getFailureRate(),
					event.getAddedEntry().getMetrics().getSlowCallRate()));
	}

	@Override
	public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {
	}

	@Override
	public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {
	}

}
