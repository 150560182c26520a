package dev.microshop.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.testing.TopicReader;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@EmbeddedBroker
@WithAdministrator
class UserEventsTests {

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	EventCodec codec;

	@Autowired
	MongoOperations mongo;

	@LocalServerPort
	int port;

	@Test
	void aRegistrationIsPublishedOnceFromTheOutbox() {
		String email = "ev-" + UUID.randomUUID() + "@example.com";
		String id = RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "correct horse", "displayName", "Eve"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Map.class)
			.getResponseBody()
			.get("id")
			.toString();

		List<ConsumerRecord<String, String>> records = TopicReader.recordsWithKey(this.broker, Topics.USERS, id, 1);
		assertThat(records).hasSize(1);
		EventEnvelope<?> envelope = this.codec.read(records.get(0).value());
		assertThat(envelope.type()).isEqualTo("UserRegistered");
		assertThat(envelope.data()).isEqualTo(new UserRegistered(id, email, "Eve"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.mongo.findById(id, Document.class, "users").getList("outbox", Document.class))
						.isEmpty());
	}

}
