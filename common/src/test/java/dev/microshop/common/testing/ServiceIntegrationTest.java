package dev.microshop.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole service on a random port, backed by its own database on the shared
 * {@link MongoWireServer}, without registering in discovery. Add {@link EmbeddedBroker}
 * for a real in-process Kafka broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers:localhost:9092}" })
@ContextConfiguration(initializers = MongoWireServer.Initializer.class)
public @interface ServiceIntegrationTest {

}
