package dev.microshop.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventType;
import dev.microshop.common.events.Topics;
import dev.microshop.common.kafka.EventRecords;
import dev.microshop.notification.application.NotifyUsers;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the user and order events; {@link NotifyUsers} decides which deserve a
 * notification. The others (an order placed: its outcome is what the user hears about)
 * are skipped by their {@code event-type} header, undecoded.
 */
@Component
class PlatformEventsListener {

	private static final EventType[] NOTIFIED = { EventType.USER_REGISTERED, EventType.ORDER_CONFIRMED,
			EventType.ORDER_CANCELLED };

	private final EventCodec codec;

	private final NotifyUsers notifyUsers;

	PlatformEventsListener(EventCodec codec, NotifyUsers notifyUsers) {
		this.codec = codec;
		this.notifyUsers = notifyUsers;
	}

	@KafkaListener(topics = { Topics.USERS, Topics.ORDERS })
	void on(ConsumerRecord<String, String> record) {
		if (EventRecords.mayCarry(record, NOTIFIED)) {
			this.notifyUsers.on(this.codec.read(record.value()));
		}
	}

}
