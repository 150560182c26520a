package dev.microshop.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A real Kafka broker in the test's process, for the integration tests: topics of 1
 * partition, and the consumer offsets topic in 1 partition instead of 50, which a
 * consumer group's first join waits for. One definition for every test class, so that the
 * classes of a module share one application context (the broker's settings are part of
 * its cache key).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EmbeddedKafka(partitions = 1, brokerProperties = "offsets.topic.num.partitions=1")
public @interface EmbeddedBroker {

}
