package dev.microshop.common.kafka;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UnreadableEventException;
import dev.microshop.common.outbox.Outbox;
import dev.microshop.common.outbox.OutboxProperties;
import dev.microshop.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The messaging wiring every service shares: the event codec, the platform's topics, the
 * consumer error handling (retries with backoff, then the service's own dead-letter
 * topic), and the outbox relay for services that store events in their documents.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties({ MessagingProperties.class, OutboxProperties.class })
public class MessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventCodec eventCodec(JsonMapper jsonMapper) {
		return new EventCodec(jsonMapper);
	}

	@Bean
	KafkaAdmin.NewTopics platformTopics(MessagingProperties properties) {
		return new KafkaAdmin.NewTopics(Topics.ALL.stream()
			.map((topic) -> TopicBuilder.name(topic).partitions(properties.partitions()).build())
			.toArray(NewTopic[]::new));
	}

	/**
	 * Retries a failing record with exponential backoff, then publishes it to
	 * {@code <topic>.<service>.DLT} with the exception in its headers and moves on.
	 * Unreadable records skip the retries. Each service has its own dead-letter topics,
	 * so that replaying them concerns only the service that failed.
	 */
	@Bean
	@ConditionalOnMissingBean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MessagingProperties properties,
			@Value("${spring.application.name}") String service, ObjectProvider<DeadLetterMetrics> metrics) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic(), service), -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retries());
		backOff.setInitialInterval(properties.initialBackoff().toMillis());
		backOff.setMultiplier(2);
		backOff.setMaxInterval(properties.maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(UnreadableEventException.class);
		metrics.ifAvailable(handler::setRetryListeners);
		return handler;
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetters deadLetters(KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
			@Value("${spring.application.name}") String service) {
		return new DeadLetters(template, consumers, service);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class DeadLettersEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
			return new DeadLettersEndpoint(deadLetters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class DeadLetterMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeadLetterMetrics deadLetterMetrics(DeadLetters deadLetters, MeterRegistry registry,
				ListenerContainerRegistry containers, MessagingProperties properties) {
			return new DeadLetterMetrics(deadLetters, registry, containers, properties.deadLettersRefresh());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MongoOperations.class)
	@ConditionalOnBean(MongoOperations.class)
	@ConditionalOnProperty("microshop.outbox.collections")
	static class OutboxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OutboxRelay outboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
				ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
			return new OutboxRelay(mongo, kafka, properties, tracer.getIfAvailable(() -> Tracer.NOOP),
					propagator.getIfAvailable(() -> Propagator.NOOP));
		}

		@Bean
		@ConditionalOnMissingBean
		Outbox outbox(MongoOperations mongo, OutboxRelay relay, EventCodec codec, ObjectProvider<Tracer> tracer,
				ObjectProvider<Propagator> propagator) {
			return new Outbox(mongo, relay, codec, tracer.getIfAvailable(() -> Tracer.NOOP),
					propagator.getIfAvailable(() -> Propagator.NOOP));
		}

	}

}
