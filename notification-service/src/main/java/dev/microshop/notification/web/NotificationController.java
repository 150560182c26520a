package dev.microshop.notification.web;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.microshop.common.web.Caller;
import dev.microshop.notification.application.NotificationQueries;
import dev.microshop.notification.application.ReadNotification;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationQueries queries;

	private final ReadNotification readNotification;

	private final NotificationStream stream;

	NotificationController(NotificationQueries queries, ReadNotification readNotification, NotificationStream stream) {
		this.queries = queries;
		this.readNotification = readNotification;
		this.stream = stream;
	}

	@GetMapping
	List<NotificationResponse> list(Caller caller,
			@RequestParam(defaultValue = "50") @Min(1) @Max(NotificationQueries.MAX_LIMIT) int limit) {
		return this.queries.forUser(caller.userId(), limit).stream().map(NotificationResponse::from).toList();
	}

	@GetMapping("/unread-count")
	UnreadCountResponse unreadCount(Caller caller) {
		return new UnreadCountResponse(this.queries.unreadCount(caller.userId()));
	}

	/**
	 * Marks one of the caller's notifications read: 204, also when it was read already;
	 * 404 if it is not the caller's.
	 */
	@PostMapping("/{id}/read")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(Caller caller, @PathVariable String id) {
		this.readNotification.read(caller.userId(), id);
	}

	/**
	 * Streams the caller's new notifications as server-sent events, named
	 * {@code notification}, as they are created.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(Caller caller) {
		return this.stream.open(caller.userId());
	}

}
