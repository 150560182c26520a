package dev.microshop.notification.web;

import java.time.Instant;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationType;

record NotificationResponse(String id, NotificationType type, String message, String orderId, boolean read,
		Instant createdAt) {

	static NotificationResponse from(Notification notification) {
		return new NotificationResponse(notification.id(), notification.type(), notification.message(),
				notification.orderId(), notification.read(), notification.createdAt());
	}

}
