package dev.microshop.gateway.hardening;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Spring's CORS processing with the configured allowlist, in the security filter chain
 * before authentication: an allowed origin's preflight is answered without a token, a
 * request from any other origin is refused with a 403 problem before it reaches a
 * service.
 * <p>
 * Spring's {@code CorsWebFilter} does the same but refuses with an empty 403; this one
 * differs only in the problem body.
 */
class CorsFilter implements WebFilter {

	private final CorsConfiguration configuration;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ProblemWriter problems;

	CorsFilter(CorsConfiguration configuration, ProblemWriter problems) {
		this.configuration = configuration;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.processor.process(this.configuration, exchange)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Cross-origin requests from this origin are not allowed.");
			return this.problems.write(exchange, problem, new HttpHeaders());
		}
		return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
	}

}
