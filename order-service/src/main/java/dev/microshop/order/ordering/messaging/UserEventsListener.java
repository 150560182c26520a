package dev.microshop.order.ordering.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventType;
import dev.microshop.common.events.Topics;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.common.kafka.EventRecords;
import dev.microshop.order.ordering.application.KnownUserDirectory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the registrations of users, so that orders need not ask user-service whether
 * their buyer exists.
 */
@Component
class UserEventsListener {

	private final EventCodec codec;

	private final KnownUserDirectory users;

	UserEventsListener(EventCodec codec, KnownUserDirectory users) {
		this.codec = codec;
		this.users = users;
	}

	@KafkaListener(topics = Topics.USERS)
	void on(ConsumerRecord<String, String> record) {
		if (EventRecords.mayCarry(record, EventType.USER_REGISTERED)
				&& this.codec.read(record.value()).data() instanceof UserRegistered registered) {
			this.users.on(registered);
		}
	}

}
