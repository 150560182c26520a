package dev.microshop.payment.messaging;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.OrderPlaced;
import dev.microshop.common.events.Topics;
import dev.microshop.payment.application.AuthorizePayment;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts the payment of every placed order. Other order events are not for this service.
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
	void on(String value) {
		if (this.codec.read(value).data() instanceof OrderPlaced placed) {
			this.authorizePayment.on(placed);
		}
	}

}
