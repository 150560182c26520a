package dev.microshop.gateway.canary;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import reactor.core.publisher.Flux;

/**
 * Narrows a service's instances to those of the version the request goes to (see
 * {@link CanaryRouting#select}); the load balancer then picks one of them.
 * <p>
 * It must wrap the caching supplier, not be wrapped by it: the cache keeps one list for
 * every request, and the version differs from request to request.
 */
class CanaryServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private final CanaryRouting routing;

	CanaryServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, CanaryRouting routing) {
		super(delegate);
		this.routing = routing;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get().map((instances) -> select(instances, CanaryRequest.UNPINNED));
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		CanaryRequest canaryRequest = canaryRequest(request);
		return this.delegate.get(request).map((instances) -> select(instances, canaryRequest));
	}

	private List<ServiceInstance> select(List<ServiceInstance> instances, CanaryRequest request) {
		return this.routing.select(getServiceId(), instances, request);
	}

	/**
	 * The gateway's routes pass the exchange's attributes, where
	 * {@link CanaryRequestFilter} put the request's; other callers of the load balancer
	 * (the key set fetch) are not pinned.
	 */
	private static CanaryRequest canaryRequest(Request<?> request) {
		if (request != null && request.getContext() instanceof RequestDataContext context) {
			RequestData data = context.getClientRequest();
			Map<String, Object> attributes = (data != null) ? data.getAttributes() : null;
			if (attributes != null && attributes.get(CanaryRequest.ATTRIBUTE) instanceof CanaryRequest canaryRequest) {
				return canaryRequest;
			}
		}
		return CanaryRequest.UNPINNED;
	}

}
