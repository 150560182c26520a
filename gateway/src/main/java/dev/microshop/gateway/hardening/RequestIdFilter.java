package dev.microshop.gateway.hardening;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id, {@value #HEADER}: the client's own when it is a
 * plausible id, a new UUID otherwise. The id is sent to the service, returned on the
 * response (also on the errors the gateway answers itself) and prefixes the framework's
 * log lines for the request.
 * <p>
 * A web filter rather than a gateway filter: it must also run for requests that never
 * reach a route (401, 403, 404, 413...). Only letters, digits and {@code . _ : -}, at
 * most {@value #MAX_LENGTH} characters, are kept, so that a client cannot write what it
 * likes into the logs of every service.
 * <p>
 * The services turn this header into trace baggage, and log it with every line about the
 * request, including the lines about the events it caused. A client's own W3C
 * {@code baggage} header is dropped, so that the services get only baggage the gateway
 * checked (the gateway itself propagates none: see its {@code management.tracing}).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	static final int MAX_LENGTH = 64;

	static final String BAGGAGE = "baggage";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = requestId(exchange.getRequest().getHeaders().getOrEmpty(HEADER));
		ServerWebExchange identified = exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.set(HEADER, id);
			headers.remove(BAGGAGE);
		})).build();
		identified.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);
		ServerHttpResponse response = identified.getResponse();
		// At commit, after the service's headers were copied: the gateway's id wins.
		response.beforeCommit(() -> Mono.fromRunnable(() -> response.getHeaders().set(HEADER, id)));
		return chain.filter(identified);
	}

	private static String requestId(List<String> sent) {
		if (sent.size() == 1 && VALID.matcher(sent.get(0)).matches()) {
			return sent.get(0);
		}
		return UUID.randomUUID().toString();
	}

	/**
	 * First of all, so that every answer carries the id.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
