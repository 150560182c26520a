package dev.microshop.common.discovery;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaServiceRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, takes this instance out of discovery, then keeps it serving for the drain
 * period before the web server stops, so that a rolling update fails no request.
 * <p>
 * Why: Eureka clients (the gateway, the services calling each other) learn that an
 * instance is gone only through their caches: the registry fetch (2 s), then the load
 * balancer's cache (2 s), after the Eureka server's response cache (2 s). Until then they
 * keep sending requests. Without a drain, the web server stops taking connections at
 * once, and those requests fail.
 * <p>
 * How, in the order {@code SmartLifecycle} beans stop (highest phase first):
 * <ol>
 * <li>On {@code ContextClosedEvent}, before any lifecycle stops, Spring Cloud's
 * {@code EurekaAutoServiceRegistration} marks the instance {@code DOWN}, which the Eureka
 * client sends to the server at once, and clients stop picking it.</li>
 * <li>This bean, in {@link SmartLifecycle#DEFAULT_PHASE}, the first to stop: it marks the
 * instance {@code DOWN} itself too (so the order does not hinge on that listener), then
 * waits for the drain period while everything else, Kafka listeners included, still
 * runs.</li>
 * <li>Boot's {@code WebServerGracefulShutdownLifecycle} ({@code DEFAULT_PHASE - 1024})
 * refuses new requests and waits for those in flight, for at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s, plenty for requests that
 * time out within seconds).</li>
 * <li>The Eureka client, destroyed after all lifecycles, cancels the registration.</li>
 * </ol>
 * The wait blocks the stop on purpose: an asynchronous stop would be cut short by the
 * phase timeout. A container must therefore be given a stop grace period longer than the
 * drain plus the requests in flight (Docker's default of 10 s is too short for a 10 s
 * drain).
 */
public final class DiscoveryDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DiscoveryDrain.class);

	private final EurekaServiceRegistry registry;

	private final EurekaRegistration registration;

	private final Duration drain;

	private volatile boolean running;

	DiscoveryDrain(EurekaServiceRegistry registry, EurekaRegistration registration, Duration drain) {
		this.registry = registry;
		this.registration = registration;
		this.drain = drain;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.registry.deregister(this.registration);
		if (this.drain.isPositive()) {
			logger.info("Left discovery; serving " + this.drain.toMillis()
					+ " ms longer while clients forget this instance");
			try {
				Thread.sleep(this.drain);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
