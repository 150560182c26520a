package dev.microshop.order.ordering.application;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.OrderCancelled;
import dev.microshop.common.events.OrderConfirmed;
import dev.microshop.common.events.PaymentAuthorized;
import dev.microshop.common.events.PaymentDeclined;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository;
import dev.microshop.order.ordering.domain.OrderStatus;

import org.springframework.stereotype.Service;

/**
 * Ends an order's saga from its payment's outcome: an authorized payment confirms it, a
 * declined one cancels it (the compensation). Each outcome moves the order once, whatever
 * the redeliveries.
 * <p>
 * Only a pending order moves, in one conditional write that also stores the event, with
 * no read first: the events are made from the payment's outcome, which carries the
 * order's user and the amount paid, the total its OrderPlaced asked for.
 */
@Service
public class CompleteOrder {

	private static final Logger logger = LoggerFactory.getLogger(CompleteOrder.class);

	private final OrderRepository orders;

	private final OrderMetrics metrics;

	CompleteOrder(OrderRepository orders, OrderMetrics metrics) {
		this.orders = orders;
		this.metrics = metrics;
	}

	public void on(PaymentAuthorized event) {
		move(event.orderId(), OrderStatus.CONFIRMED,
				new OrderConfirmed(event.orderId(), event.userId(), event.amount()))
			.ifPresent(this.metrics::confirmed);
	}

	public void on(PaymentDeclined event) {
		move(event.orderId(), OrderStatus.CANCELLED,
				new OrderCancelled(event.orderId(), event.userId(), event.reason()))
			.ifPresent(this.metrics::cancelled);
	}

	/**
	 * Returns the order if this delivery moved it, so that it is counted once; empty if
	 * this outcome was applied already or came too late.
	 */
	private Optional<Order> move(String orderId, OrderStatus target, Event event) {
		Optional<Order> moved = this.orders.transition(orderId, OrderStatus.PENDING, target, event);
		if (moved.isPresent()) {
			logger.info("Order {} {}", orderId, target);
			return moved;
		}
		// The order is stored before its OrderPlaced event is published, so a payment
		// outcome always finds it; a missing one is a bug worth a retry and a dead
		// letter.
		Order order = this.orders.findById(orderId)
			.orElseThrow(() -> new IllegalStateException("Payment outcome for unknown order " + orderId));
		if (order.status() != target) {
			logger.warn("Order {} is {} and cannot become {}: outcome ignored", orderId, order.status(), target);
		}
		return Optional.empty();
	}

}
