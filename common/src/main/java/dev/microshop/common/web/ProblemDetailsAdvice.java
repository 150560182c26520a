package dev.microshop.common.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.error.ConflictException;
import dev.microshop.common.error.ForbiddenException;
import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.common.error.NotFoundException;
import dev.microshop.common.error.ServiceUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as RFC 9457 {@code application/problem+json}.
 * <p>
 * Spring MVC's own exceptions (unreadable body, wrong method, unknown path, ...) are
 * handled by {@link ResponseEntityExceptionHandler}; this adds the platform's exceptions,
 * the field errors of a failed validation, and a catch-all that never leaks internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final String TYPE_BASE = "https://microshop.dev/problems/";

	@ExceptionHandler
	ProblemDetail handle(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(ConflictException ex) {
		return problem(HttpStatus.CONFLICT, "conflict", "Conflict", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(ForbiddenException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(ServiceUnavailableException ex) {
		logger.warn("Dependency unavailable: {}", ex.getMessage(), ex.getCause());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(MissingCallerException ex) {
		return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(Exception ex) {
		logger.error("Unhandled error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"The request could not be completed; it has been logged.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid fields.");
		List<Map<String, Object>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error(error.getField(), error.getDefaultMessage()))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Method validation (constraints on parameters, or a body next to them) reports the
	 * same {@code errors} list: a body's fields by name, other parameters by their name.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid fields.");
		List<Map<String, Object>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors parameterErrors) {
				parameterErrors.getFieldErrors()
					.forEach((error) -> errors.add(error(error.getField(), error.getDefaultMessage())));
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> errors.add(error(parameterName(result), error.getDefaultMessage())));
			}
		}
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static String parameterName(ParameterValidationResult result) {
		RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		return String.valueOf(result.getMethodParameter().getParameterName());
	}

	private static Map<String, Object> error(String field, String message) {
		return Map.of("field", field, "message", String.valueOf(message));
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
