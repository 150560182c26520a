package dev.microshop.common.discovery;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.context.event.EventListener;

/**
 * Keeps this instance's status in discovery in step with its readiness: it registers as
 * {@code STARTING} ({@code eureka.instance.initial-status} in microshop-defaults.yml) and
 * turns {@code UP} only once the application is ready, that is after its web server
 * listens and its start-up runners (such as the catalog seeder) are done.
 * <p>
 * Why: the Eureka client registers during the context's start, before the web server
 * takes connections. Registered {@code UP} at that moment, a new replica in a rolling
 * update could be picked by the gateway while its port is still closed, and a request
 * that cannot be retried (a POST) would fail.
 */
public final class DiscoveryReadiness {

	private static final Log logger = LogFactory.getLog(DiscoveryReadiness.class);

	private final EurekaRegistration registration;

	DiscoveryReadiness(EurekaRegistration registration) {
		this.registration = registration;
	}

	@EventListener
	void on(AvailabilityChangeEvent<ReadinessState> event) {
		InstanceStatus status = (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) ? InstanceStatus.UP
				: InstanceStatus.DOWN;
		logger.info("Ready: " + event.getState() + "; status in discovery " + status);
		this.registration.getApplicationInfoManager().setInstanceStatus(status);
	}

}
