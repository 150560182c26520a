package dev.microshop.gateway.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.cache.LocalResponseCacheGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.cache.LocalResponseCacheGatewayFilterFactory.RouteCacheConfiguration;
import org.springframework.stereotype.Component;

/**
 * The {@code PublicResponseCache} route filter: Spring Cloud Gateway's
 * {@code LocalResponseCache} (same arguments: time to live, size; same defaults under
 * {@code spring.cloud.gateway.server.webflux.filter.local-response-cache.*}), limited to
 * what a shared cache may keep, and answering conditional requests from the cache. See
 * {@link PublicResponseCacheFilter} for what it adds and why.
 */
@Component
class PublicResponseCacheGatewayFilterFactory extends AbstractGatewayFilterFactory<RouteCacheConfiguration> {

	/**
	 * Where Spring's own cache filter runs: before the filter that writes the service's
	 * answer, which then writes through the decorators this filter installs.
	 */
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 3;

	private final LocalResponseCacheGatewayFilterFactory localResponseCache;

	/**
	 * The filter of each route and configuration. Discovery refreshes the routes every
	 * few seconds, which applies this factory again; Spring's factory would answer with a
	 * new, empty cache each time, so the answers would be kept for seconds, not the TTL.
	 */
	private final Map<List<Object>, GatewayFilter> filters = new ConcurrentHashMap<>();

	PublicResponseCacheGatewayFilterFactory(LocalResponseCacheGatewayFilterFactory localResponseCache) {
		super(RouteCacheConfiguration.class);
		this.localResponseCache = localResponseCache;
	}

	@Override
	public GatewayFilter apply(RouteCacheConfiguration config) {
		List<Object> key = Arrays.asList(config.getRouteId(), config.getTimeToLive(), config.getSize());
		return this.filters.computeIfAbsent(key, (route) -> new OrderedGatewayFilter(
				new PublicResponseCacheFilter(this.localResponseCache.apply(config)), ORDER));
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return this.localResponseCache.shortcutFieldOrder();
	}

}
