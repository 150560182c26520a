package dev.microshop.notification.messaging;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.Topics;
import dev.microshop.notification.application.NotifyUsers;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the user and order events; {@link NotifyUsers} decides which deserve a
 * notification.
 */
@Component
class PlatformEventsListener {

	private final EventCodec codec;

	private final NotifyUsers notifyUsers;

	PlatformEventsListener(EventCodec codec, NotifyUsers notifyUsers) {
		this.codec = codec;
		this.notifyUsers = notifyUsers;
	}

	@KafkaListener(topics = { Topics.USERS, Topics.ORDERS })
	void on(String value) {
		this.notifyUsers.on(this.codec.read(value));
	}

}
