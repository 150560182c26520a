package dev.microshop.notification.web;

/**
 * How many of the caller's notifications are not read yet.
 *
 * @param unread the count
 */
record UnreadCountResponse(long unread) {

}
