package dev.microshop.common.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform's topics are created and how consumers retry.
 *
 * @param partitions partitions of each platform topic when it is created
 * @param retries how many times a failing record is retried before it is dead-lettered
 * @param initialBackoff the first wait between retries, doubled each time
 * @param maxBackoff the longest wait between retries
 * @param deadLettersRefresh how often the number of records waiting in the dead-letter
 * topics is read from the broker for the {@code microshop.deadletters.pending} gauge
 */
@ConfigurationProperties("microshop.kafka")
public record MessagingProperties(Integer partitions, Integer retries, Duration initialBackoff, Duration maxBackoff,
		Duration deadLettersRefresh) {

	public MessagingProperties {
		partitions = (partitions != null) ? partitions : 3;
		retries = (retries != null) ? retries : 4;
		initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofMillis(200);
		maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(2);
		deadLettersRefresh = (deadLettersRefresh != null) ? deadLettersRefresh : Duration.ofSeconds(30);
	}

}
