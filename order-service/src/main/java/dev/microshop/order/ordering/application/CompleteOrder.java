package dev.microshop.order.ordering.application;

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
		Order order = pending(event.orderId(), OrderStatus.CONFIRMED);
		if (order != null) {
			if (move(order, order.confirm(), new OrderConfirmed(order.id(), order.userId(), order.total()))) {
				this.metrics.confirmed(order);
			}
		}
	}

	public void on(PaymentDeclined event) {
		Order order = pending(event.orderId(), OrderStatus.CANCELLED);
		if (order != null) {
			if (move(order, order.cancel(), new OrderCancelled(order.id(), order.userId(), event.reason()))) {
				this.metrics.cancelled(order);
			}
		}
	}

	/**
	 * Returns the order if it still waits for its payment, or {@code null} if this
	 * outcome was applied already or came too late.
	 */
	private Order pending(String orderId, OrderStatus target) {
		// The order is stored before its OrderPlaced event is published, so a payment
		// outcome always finds it; a missing one is a bug worth a retry and a dead
		// letter.
		Order order = this.orders.findById(orderId)
			.orElseThrow(() -> new IllegalStateException("Payment outcome for unknown order " + orderId));
		if (order.status() == OrderStatus.PENDING) {
			return order;
		}
		if (order.status() != target) {
			logger.warn("Order {} is {} and cannot become {}: outcome ignored", orderId, order.status(), target);
		}
		return null;
	}

	/**
	 * Returns whether this delivery moved the order, so that it is counted once.
	 */
	private boolean move(Order from, Order to, Event event) {
		if (this.orders.transition(from, to, event)) {
			logger.info("Order {} {}", to.id(), to.status());
			return true;
		}
		return false;
	}

}
