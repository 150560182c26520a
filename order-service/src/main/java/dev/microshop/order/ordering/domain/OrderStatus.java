package dev.microshop.order.ordering.domain;

/**
 * Where an order stands: placed and awaiting payment, paid, or given up.
 */
public enum OrderStatus {

	PENDING, CONFIRMED, CANCELLED

}
