package dev.microshop.order.ordering.web;

import java.net.URI;

import dev.microshop.order.ordering.domain.UnknownUserException;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The two answers of ordering that common's problem details do not cover: an unknown
 * buyer (403) and a user directory that cannot answer (503). Ordered first, because
 * common's advice answers any other exception 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblemsAdvice {

	private static final String TYPE_BASE = "https://microshop.dev/problems/";

	@ExceptionHandler
	ProblemDetail handle(UnknownUserException ex) {
		return problem(HttpStatus.FORBIDDEN, "unknown-user", "Unknown user",
				"The caller is not a known user and cannot place orders.");
	}

	@ExceptionHandler
	ProblemDetail handle(UserDirectoryUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service unavailable",
				"The order could not be placed because the user service is unavailable; nothing was stored. Try again later.");
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
