package dev.microshop.order.ordering.domain;

/**
 * Where an order stands: placed and awaiting payment, paid, or given up. Only a pending
 * order moves, once, to confirmed or cancelled ({@link OrderRepository#transition}).
 */
public enum OrderStatus {

	PENDING, CONFIRMED, CANCELLED

}
