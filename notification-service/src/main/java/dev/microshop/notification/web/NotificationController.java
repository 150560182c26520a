package dev.microshop.notification.web;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.microshop.common.web.Caller;
import dev.microshop.notification.application.NotificationQueries;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationQueries queries;

	private final NotificationStream stream;

	NotificationController(NotificationQueries queries, NotificationStream stream) {
		this.queries = queries;
		this.stream = stream;
	}

	@GetMapping
	List<NotificationResponse> list(Caller caller,
			@RequestParam(defaultValue = "50") @Min(1) @Max(NotificationQueries.MAX_LIMIT) int limit) {
		return this.queries.forUser(caller.userId(), limit).stream().map(NotificationResponse::from).toList();
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
