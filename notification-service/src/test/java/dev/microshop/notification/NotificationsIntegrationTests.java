package dev.microshop.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.common.web.IdentityHeaders;
import dev.microshop.notification.domain.Notification;
import dev.microshop.notification.domain.NotificationRepository;
import dev.microshop.notification.domain.NotificationType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@ServiceIntegrationTest
@EmbeddedBroker
class NotificationsIntegrationTests {

	@Autowired
	NotificationRepository notifications;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void aUserReadsOnlyTheirOwnNotificationsNewestFirst() {
		String alice = "alice-" + UUID.randomUUID();
		Instant now = Instant.now();
		this.notifications.add(notification(alice, NotificationType.WELCOME, now.minusSeconds(60)));
		this.notifications.add(notification(alice, NotificationType.ORDER_CONFIRMED, now));
		this.notifications.add(notification("bob-" + UUID.randomUUID(), NotificationType.WELCOME, now));

		this.http.get()
			.uri("/api/notifications")
			.header(IdentityHeaders.USER_ID, alice)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].type")
			.isEqualTo("ORDER_CONFIRMED")
			.jsonPath("$[1].type")
			.isEqualTo("WELCOME");
	}

	@Test
	void limitsHowManyAreReturned() {
		String carol = "carol-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			this.notifications.add(notification(carol, NotificationType.WELCOME, Instant.now()));
		}
		this.http.get()
			.uri("/api/notifications?limit=2")
			.header(IdentityHeaders.USER_ID, carol)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2);
	}

	@Test
	void anOutOfRangeLimitIsABadRequest() {
		this.http.get()
			.uri("/api/notifications?limit=0")
			.header(IdentityHeaders.USER_ID, "dave")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void readingWithoutIdentityIsUnauthorized() {
		this.http.get()
			.uri("/api/notifications")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aUserSeesHowManyOfTheirNotificationsAreUnread() {
		String erin = "erin-" + UUID.randomUUID();
		this.notifications.add(notification(erin, NotificationType.WELCOME, Instant.now()));
		this.notifications.add(notification(erin, NotificationType.ORDER_CONFIRMED, Instant.now()));
		this.notifications.add(read(notification(erin, NotificationType.ORDER_CANCELLED, Instant.now())));
		this.notifications.add(notification("frank-" + UUID.randomUUID(), NotificationType.WELCOME, Instant.now()));

		assertUnread(erin, 2);
		assertUnread("nobody-" + UUID.randomUUID(), 0);
	}

	@Test
	void readingANotificationMarksItReadOnce() {
		String grace = "grace-" + UUID.randomUUID();
		Notification welcome = notification(grace, NotificationType.WELCOME, Instant.now());
		this.notifications.add(welcome);
		this.notifications.add(notification(grace, NotificationType.ORDER_CONFIRMED, Instant.now()));

		markRead(grace, welcome.id()).expectStatus().isNoContent().expectBody().isEmpty();
		assertUnread(grace, 1);
		this.http.get()
			.uri("/api/notifications")
			.header(IdentityHeaders.USER_ID, grace)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '" + welcome.id() + "')].read")
			.isEqualTo(List.of(true));

		markRead(grace, welcome.id()).expectStatus().isNoContent();
		assertUnread(grace, 1);
	}

	@Test
	void aUserCannotMarkAnotherUsersNotificationRead() {
		String heidi = "heidi-" + UUID.randomUUID();
		Notification hers = notification(heidi, NotificationType.WELCOME, Instant.now());
		this.notifications.add(hers);

		markRead("ivan-" + UUID.randomUUID(), hers.id()).expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertUnread(heidi, 1);
	}

	@Test
	void anUnknownNotificationIsNotFound() {
		markRead("judy-" + UUID.randomUUID(), "no-such-notification").expectStatus().isNotFound();
	}

	@Test
	void countingAndMarkingNeedAnIdentity() {
		this.http.get().uri("/api/notifications/unread-count").exchange().expectStatus().isUnauthorized();
		this.http.post().uri("/api/notifications/any/read").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void exposesLivenessAndReadiness() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	private RestTestClient.ResponseSpec markRead(String userId, String notificationId) {
		return this.http.post()
			.uri("/api/notifications/{id}/read", notificationId)
			.header(IdentityHeaders.USER_ID, userId)
			.exchange();
	}

	private void assertUnread(String userId, int count) {
		this.http.get()
			.uri("/api/notifications/unread-count")
			.header(IdentityHeaders.USER_ID, userId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"unread\": " + count + "}");
	}

	private static Notification read(Notification notification) {
		return new Notification(notification.id(), notification.userId(), notification.type(), notification.message(),
				notification.orderId(), true, notification.createdAt());
	}

	private static Notification notification(String userId, NotificationType type, Instant createdAt) {
		return new Notification(UUID.randomUUID().toString(), userId, type, "Hello", null, false, createdAt);
	}

}
