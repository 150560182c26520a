package dev.microshop.order.ordering.messaging;

import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.PaymentAuthorized;
import dev.microshop.common.events.PaymentDeclined;
import dev.microshop.common.events.Topics;
import dev.microshop.order.ordering.application.CompleteOrder;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the payment outcomes that end each order's saga.
 */
@Component
class PaymentEventsListener {

	private final EventCodec codec;

	private final CompleteOrder completeOrder;

	PaymentEventsListener(EventCodec codec, CompleteOrder completeOrder) {
		this.codec = codec;
		this.completeOrder = completeOrder;
	}

	@KafkaListener(topics = Topics.PAYMENTS)
	void on(String value) {
		switch (this.codec.read(value).data()) {
			case PaymentAuthorized authorized -> this.completeOrder.on(authorized);
			case PaymentDeclined declined -> this.completeOrder.on(declined);
			default -> {
				// Not an outcome this saga waits for.
			}
		}
	}

}
