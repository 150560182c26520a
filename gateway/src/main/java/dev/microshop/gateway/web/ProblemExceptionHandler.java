package dev.microshop.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Answers the gateway's own HTTP errors (no route: 404, no instance of the service: 503,
 * and any other {@link ErrorResponse}) as problem details instead of Boot's error JSON.
 * Anything else is left to Boot's handler, which reveals no detail of it.
 */
@Component
class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

	private final ProblemWriter problems;

	ProblemExceptionHandler(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof ErrorResponse error) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		return this.problems.write(exchange, error.getBody(), error.getHeaders());
	}

	/**
	 * Before Boot's error handler ({@code -1}).
	 */
	@Override
	public int getOrder() {
		return -2;
	}

}
