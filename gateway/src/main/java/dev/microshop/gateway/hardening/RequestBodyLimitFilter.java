package dev.microshop.gateway.hardening;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than {@link RequestLimitsProperties#maxBodySize()} with a
 * 413 problem: at once when the {@code Content-Length} says so, and, for a body sent in
 * chunks without a length, as soon as the bytes passed on to the service exceed the limit
 * (the request to the service is then aborted).
 * <p>
 * Hand-written because Spring Cloud Gateway's {@code RequestSize} filter only reads
 * {@code Content-Length} (a chunked body passes whatever its size) and answers an empty
 * 413 instead of a problem.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

	private final long maxBodySize;

	private final ProblemWriter problems;

	RequestBodyLimitFilter(RequestLimitsProperties properties, ProblemWriter problems) {
		this.maxBodySize = properties.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.maxBodySize) {
			return tooLarge(exchange);
		}
		if (declared >= 0) {
			// HTTP framing holds the body to its declared length.
			return chain.filter(exchange);
		}
		AtomicBoolean exceeded = new AtomicBoolean();
		ServerWebExchange counted = exchange.mutate().request(new Counted(exchange.getRequest(), exceeded)).build();
		return chain.filter(counted)
			.onErrorResume((ex) -> exceeded.get() && !exchange.getResponse().isCommitted(), (ex) -> tooLarge(exchange));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.maxBodySize + " bytes.");
		return this.problems.write(exchange, problem, new HttpHeaders());
	}

	/**
	 * After security, so that the 413 carries the security headers like every answer.
	 */
	@Override
	public int getOrder() {
		return 0;
	}

	private final class Counted extends ServerHttpRequestDecorator {

		private final AtomicBoolean exceeded;

		Counted(ServerHttpRequest request, AtomicBoolean exceeded) {
			super(request);
			this.exceeded = exceeded;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong read = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (read.addAndGet(buffer.readableByteCount()) > RequestBodyLimitFilter.this.maxBodySize) {
					DataBufferUtils.release(buffer);
					this.exceeded.set(true);
					sink.error(new IllegalStateException("The request body exceeds the limit"));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
