package dev.microshop.notification.persistence;

import java.time.Instant;

import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationType;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("notifications")
@CompoundIndex(name = "user_created", def = "{'userId': 1, 'createdAt': -1}")
@CompoundIndex(name = "user_read", def = "{'userId': 1, 'read': 1}")
record NotificationDocument(@Id String id, String userId, NotificationType type, String message, String orderId,
		boolean read, Instant createdAt) {

	static NotificationDocument from(Notification notification) {
		return new NotificationDocument(notification.id(), notification.userId(), notification.type(),
				notification.message(), notification.orderId(), notification.read(), notification.createdAt());
	}

	Notification toNotification() {
		return new Notification(this.id, this.userId, this.type, this.message, this.orderId, this.read, this.createdAt);
	}

}
