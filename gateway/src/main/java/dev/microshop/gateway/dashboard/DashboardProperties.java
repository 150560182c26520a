package dev.microshop.gateway.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long {@code GET /api/me/dashboard} waits for each of its parts. A part not answered
 * in time is shown unavailable, so the slowest service bounds the dashboard's latency.
 *
 * @param profileTimeout the wait for user-service's profile
 * @param ordersTimeout the wait for order-service's latest orders
 * @param notificationsTimeout the wait for notification-service's unread count
 */
@ConfigurationProperties("microshop.dashboard")
record DashboardProperties(@DefaultValue("2s") Duration profileTimeout, @DefaultValue("2s") Duration ordersTimeout,
		@DefaultValue("2s") Duration notificationsTimeout) {

}
