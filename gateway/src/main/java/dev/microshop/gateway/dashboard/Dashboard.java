package dev.microshop.gateway.dashboard;

/**
 * The caller's dashboard: three parts, each from its own service, each present or marked
 * unavailable on its own.
 *
 * @param profile user-service's {@code GET /api/users/me}
 * @param orders order-service's {@code GET /api/orders?size=5}: the five latest orders,
 * newest first
 * @param notifications notification-service's
 * {@code GET /api/notifications/unread-count}: {@code {"unread": n}}
 */
record Dashboard(DashboardPart profile, DashboardPart orders, DashboardPart notifications) {

}
