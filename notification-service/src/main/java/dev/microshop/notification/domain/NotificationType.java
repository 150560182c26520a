package dev.microshop.notification.domain;

/**
 * What a notification tells the user about.
 */
public enum NotificationType {

	WELCOME, ORDER_CONFIRMED, ORDER_CANCELLED

}
