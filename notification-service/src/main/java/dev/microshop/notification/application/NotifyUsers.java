package dev.microshop.notification.application;

import java.time.Instant;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventEnvelope;
import dev.microshop.common.events.OrderCancelled;
import dev.microshop.common.events.OrderConfirmed;
import dev.microshop.common.events.UserRegistered;
import dev.microshop.notification.domain.EmailSender;
import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;
import dev.microshop.notification.domain.NotificationType;
import dev.microshop.notification.domain.Recipient;
import dev.microshop.notification.domain.RecipientRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Turns the events that matter to a user into one notification each, and tells them by
 * e-mail and on their live stream.
 */
@Service
public class NotifyUsers {

	private final NotificationRepository notifications;

	private final RecipientRepository recipients;

	private final EmailSender email;

	private final ApplicationEventPublisher publisher;

	NotifyUsers(NotificationRepository notifications, RecipientRepository recipients, EmailSender email,
			ApplicationEventPublisher publisher) {
		this.notifications = notifications;
		this.recipients = recipients;
		this.email = email;
		this.publisher = publisher;
	}

	/**
	 * Handles one event; events that do not concern a user are ignored, and an event seen
	 * before changes nothing.
	 */
	public void on(EventEnvelope<? extends Event> envelope) {
		Notification notification = switch (envelope.data()) {
			case UserRegistered registered -> welcome(envelope, registered);
			case OrderConfirmed confirmed ->
				notification(envelope, confirmed.userId(), NotificationType.ORDER_CONFIRMED, confirmed.orderId(),
						"Your order " + confirmed.orderId() + " is confirmed: " + confirmed.total().amount() + " "
								+ confirmed.total().currency() + ".");
			case OrderCancelled cancelled ->
				notification(envelope, cancelled.userId(), NotificationType.ORDER_CANCELLED, cancelled.orderId(),
						"Your order " + cancelled.orderId() + " was cancelled: " + cancelled.reason());
			default -> null;
		};
		if (notification != null && this.notifications.add(notification)) {
			this.publisher.publishEvent(new NotificationCreated(notification));
			this.recipients.findById(notification.userId())
				.ifPresent((to) -> this.email.send(to, subject(notification.type()), notification.message()));
		}
	}

	private Notification welcome(EventEnvelope<?> envelope, UserRegistered registered) {
		this.recipients.save(new Recipient(registered.userId(), registered.email(), registered.displayName()));
		return notification(envelope, registered.userId(), NotificationType.WELCOME, null,
				"Welcome to microshop, " + registered.displayName() + "!");
	}

	private static Notification notification(EventEnvelope<?> envelope, String userId, NotificationType type,
			String orderId, String message) {
		return new Notification(envelope.eventId(), userId, type, message, orderId, false, Instant.now());
	}

	private static String subject(NotificationType type) {
		return switch (type) {
			case WELCOME -> "Welcome to microshop";
			case ORDER_CONFIRMED -> "Your order is confirmed";
			case ORDER_CANCELLED -> "Your order was cancelled";
		};
	}

	/**
	 * Published after a notification is stored, for live streams.
	 *
	 * @param notification the new notification
	 */
	public record NotificationCreated(Notification notification) {

	}

}
