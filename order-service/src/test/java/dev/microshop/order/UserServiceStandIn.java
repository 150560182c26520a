package dev.microshop.order;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Implemented by every integration test of this service: user-service played by one
 * {@link FakeUserService} for the whole run, which the load balancer finds through the
 * simple discovery client (Eureka is off in tests), and shorter fault-isolation waits
 * than the defaults. The same stand-in and properties give the test classes one
 * application context, and one Kafka broker, instead of one each.
 * <p>
 * The waits: 2 s in the open state, a 1 s time limit (the read timeout is set far above
 * it so that the time limit is what gives up), 20 ms before the first retry.
 */
interface UserServiceStandIn {

	/** Lives as long as the test run: every cached context may call it. */
	FakeUserService userService = FakeUserService.start();

	@DynamicPropertySource
	static void userService(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", userService::uri);
		registry.add("microshop.clients.user-service.read-timeout", () -> "30s");
		registry.add("resilience4j.timelimiter.instances.user-service.timeout-duration", () -> "1s");
		registry.add("resilience4j.circuitbreaker.instances.user-service.wait-duration-in-open-state", () -> "2s");
		registry.add("resilience4j.retry.instances.user-service.wait-duration", () -> "20ms");
	}

}
