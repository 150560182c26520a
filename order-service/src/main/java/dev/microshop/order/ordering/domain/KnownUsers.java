package dev.microshop.order.ordering.domain;

/**
 * The users this service has learnt exist: a local projection of user-service's users, so
 * that placing an order does not ask user-service about a user seen before.
 */
public interface KnownUsers {

	boolean contains(String userId);

	/**
	 * Remembers a user; remembering one again changes nothing.
	 */
	void add(String userId);

}
