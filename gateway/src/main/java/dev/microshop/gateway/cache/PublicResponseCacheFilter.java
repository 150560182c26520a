package dev.microshop.gateway.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.reactivestreams.Publisher;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps Spring Cloud Gateway's {@code LocalResponseCache} filter with the two things it
 * does not do (checked in 5.0.x):
 * <ul>
 * <li><b>Only public responses are shared.</b> Its cache key includes the
 * {@code Authorization} header and cookies, so it keeps one answer per signed-in caller,
 * and it refuses a response only when a {@code Cache-Control} value is exactly
 * {@code private} or {@code no-store}, so {@code private, max-age=60} is kept. Here a
 * request with credentials bypasses the cache both ways (neither answered from it nor
 * stored; RFC 9111 section 3.5), and a response is stored only when the service opts in
 * with {@code public}, {@code max-age} or {@code s-maxage} and says none of
 * {@code private}, {@code no-store}, {@code no-cache}, nor sets a cookie.</li>
 * <li><b>Conditional requests.</b> It answers a cached 200 with the whole body even when
 * the request's {@code If-None-Match} names the cached {@code ETag}; here that request
 * gets 304 without a body (RFC 9110 section 13.1.2). A conditional request the cache
 * cannot answer goes to the service, which answers it itself.</li>
 * </ul>
 */
class PublicResponseCacheFilter implements GatewayFilter {

	private static final Set<String> NOT_SHARED = Set.of("private", "no-store", "no-cache");

	private static final Set<String> SHARED = Set.of("public", "max-age", "s-maxage");

	private final GatewayFilter cache;

	PublicResponseCacheFilter(GatewayFilter cache) {
		this.cache = cache;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!isAnonymousGet(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		ServerWebExchange conditional = exchange.mutate().response(new NotModifiedResponse(exchange)).build();
		ServerHttpResponse beneathCache = conditional.getResponse();
		// On a miss the cache hands on a response that stores what is written to it; a
		// response the service did not make public is written beneath it instead.
		return this.cache.filter(conditional, (viaCache) -> chain
			.filter(viaCache.mutate().response(new PublicOnlyResponse(viaCache.getResponse(), beneathCache)).build()));
	}

	private static boolean isAnonymousGet(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return HttpMethod.GET.equals(request.getMethod()) && !headers.containsHeader(HttpHeaders.AUTHORIZATION)
				&& !headers.containsHeader(HttpHeaders.COOKIE);
	}

	/**
	 * Whether a shared cache may keep this response: the service made it cacheable and
	 * nothing in it is private.
	 */
	static boolean isShareable(HttpHeaders response) {
		Set<String> directives = directiveNames(response.getOrEmpty(HttpHeaders.CACHE_CONTROL));
		return !response.containsHeader(HttpHeaders.SET_COOKIE) && directives.stream().anyMatch(SHARED::contains)
				&& directives.stream().noneMatch(NOT_SHARED::contains);
	}

	private static Set<String> directiveNames(List<String> cacheControl) {
		return cacheControl.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map((directive) -> directive.split("=", 2)[0].trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
	}

	/**
	 * Sends the service's answer past the cache unless it may be shared.
	 */
	private static final class PublicOnlyResponse extends ServerHttpResponseDecorator {

		private final ServerHttpResponse beneathCache;

		PublicOnlyResponse(ServerHttpResponse cache, ServerHttpResponse beneathCache) {
			super(cache);
			this.beneathCache = beneathCache;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return isShareable(getHeaders()) ? super.writeWith(body) : this.beneathCache.writeWith(body);
		}

	}

	/**
	 * Turns a 200 whose {@code ETag} the request's {@code If-None-Match} names into a 304
	 * without a body, whether the 200 comes from the cache or from the service.
	 */
	private static final class NotModifiedResponse extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		NotModifiedResponse(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			String etag = getHeaders().getETag();
			if (!HttpStatus.OK.equals(getStatusCode()) || etag == null || !this.exchange.checkNotModified(etag)) {
				return super.writeWith(body);
			}
			// checkNotModified has set 304. The body is still read to its end, so that a
			// miss is stored for the next request, then dropped.
			getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
			getHeaders().remove(HttpHeaders.CONTENT_TYPE);
			return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(this::setComplete));
		}

	}

}
