package dev.microshop.payment.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventType;
import dev.microshop.common.events.OrderPlaced;
import dev.microshop.common.events.Topics;
import dev.microshop.common.kafka.EventRecords;
import dev.microshop.payment.application.AuthorizePayment;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts the payment of every placed order. Other order events are not for this service:
 * they are skipped by their {@code event-type} header, undecoded.
 */
@Component
class OrderEventsListener {

	private final EventCodec codec;

	private final AuthorizePayment authorizePayment;

	OrderEventsListener(EventCodec codec, AuthorizePayment authorizePayment) {
		this.codec = codec;
		this.authorizePayment = authorizePayment;
	}

	@KafkaListener(topics = Topics.ORDERS)
	void on(ConsumerRecord<String, String> record) {
		if (EventRecords.mayCarry(record, EventType.ORDER_PLACED)
				&& this.codec.read(record.value()).data() instanceof OrderPlaced placed) {
			this.authorizePayment.on(placed);
		}
	}

}
