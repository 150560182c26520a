package dev.microshop.notification.web;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.microshop.common.web.Caller;
import dev.microshop.notification.application.NotificationQueries;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationQueries queries;

	NotificationController(NotificationQueries queries) {
		this.queries = queries;
	}

	@GetMapping
	List<NotificationResponse> list(Caller caller,
			@RequestParam(defaultValue = "50") @Min(1) @Max(NotificationQueries.MAX_LIMIT) int limit) {
		return this.queries.forUser(caller.userId(), limit).stream().map(NotificationResponse::from).toList();
	}

}
