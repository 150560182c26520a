package dev.microshop.gateway.canary;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Once the load balancer has chosen an instance: counts the request for the service and
 * version ({@value #METRIC}) and tells the client which version serves it
 * ({@value #SERVED_VERSION_HEADER}), so a tester sees whether they are on the canary.
 */
@Component
class ServedVersionFilter implements GlobalFilter, Ordered {

	static final String METRIC = "gateway.canary.requests";

	static final String SERVED_VERSION_HEADER = "X-Served-Version";

	private final CanaryRouting routing;

	private final MeterRegistry meters;

	/**
	 * The counters already registered: looked up here rather than registered again on
	 * every request.
	 */
	private final Map<Served, Counter> counters = new ConcurrentHashMap<>();

	ServedVersionFilter(CanaryRouting routing, MeterRegistry meters) {
		this.routing = routing;
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (chosen != null && chosen.hasServer()) {
			ServiceInstance instance = chosen.getServer();
			String version = this.routing.versionOf(instance);
			this.counters.computeIfAbsent(new Served(instance.getServiceId(), version), this::counter).increment();
			exchange.getResponse().getHeaders().set(SERVED_VERSION_HEADER, version);
		}
		return chain.filter(exchange);
	}

	private Counter counter(Served served) {
		return Counter.builder(METRIC)
			.description("Requests the gateway routed, by service and version")
			// Eureka spells service ids in capitals; routes and the endpoint do not.
			.tag("service", served.serviceId().toLowerCase(Locale.ROOT))
			.tag("version", served.version())
			.register(this.meters);
	}

	/**
	 * Just after the load balancer, before the request is sent.
	 */
	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	private record Served(String serviceId, String version) {
	}

}
