package dev.microshop.gateway.resilience;

import java.util.List;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The {@code IdempotentRetry} filter: Spring Cloud Gateway's {@code Retry} filter (same
 * arguments: retries, statuses, exceptions, backoff), applied only to requests that are
 * safe to send twice: {@code GET}, {@code HEAD}, and a {@code POST} that carries an
 * {@code Idempotency-Key}. {@code PUT}, {@code DELETE}, {@code PATCH} and any other
 * {@code POST} are sent once.
 * <p>
 * Hand-written because the {@code Retry} filter chooses the requests it retries by method
 * alone: listing {@code POST} there would also repeat a {@code POST} without a key, and
 * placing an order twice places two orders. With a key the service answers a repeat with
 * the outcome of the first request, so that one may be retried.
 */
@Component
class IdempotentRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryConfig> {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RetryGatewayFilterFactory retry;

	IdempotentRetryGatewayFilterFactory(RetryGatewayFilterFactory retry) {
		super(RetryConfig.class);
		this.retry = retry;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return this.retry.shortcutFieldOrder();
	}

	@Override
	public GatewayFilter apply(RetryConfig config) {
		// The methods are this filter's rule rather than configuration; the POSTs among
		// them are narrowed to those with a key below.
		config.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
		GatewayFilter retrying = this.retry.apply(config);
		return (exchange, chain) -> isSafeToRepeat(exchange.getRequest()) ? retrying.filter(exchange, chain)
				: chain.filter(exchange);
	}

	static boolean isSafeToRepeat(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			return true;
		}
		return HttpMethod.POST.equals(method) && StringUtils.hasText(request.getHeaders().getFirst(IDEMPOTENCY_KEY));
	}

}
