package dev.microshop.common.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the {@link OutboxRelay} looks for unpublished events and how often.
 *
 * @param collections the collections whose documents carry an {@code outbox} array
 * @param pollInterval how long the relay sleeps when nothing is pending and nobody woke
 * it
 * @param batchSize how many documents one pass reads per collection
 * @param sendTimeout how long a publish may take before the pass gives up and retries
 */
@ConfigurationProperties("microshop.outbox")
public record OutboxProperties(List<String> collections, Duration pollInterval, Integer batchSize,
		Duration sendTimeout) {

	public OutboxProperties {
		collections = (collections != null) ? List.copyOf(collections) : List.of();
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(5);
		batchSize = (batchSize != null) ? batchSize : 200;
		sendTimeout = (sendTimeout != null) ? sendTimeout : Duration.ofSeconds(10);
	}

}
