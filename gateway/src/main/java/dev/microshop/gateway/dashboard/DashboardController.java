package dev.microshop.gateway.dashboard;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.microshop.gateway.identity.CallerIdentity;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/me/dashboard}: the caller's profile, latest orders and unread
 * notification count in one answer, fetched from the three services in parallel.
 * <p>
 * Each part has its own timeout ({@link DashboardProperties}); a part that fails or is
 * late is marked unavailable and the others are still shown, so the answer is 200 as long
 * as the caller is authenticated. The services are called through discovery, as the
 * caller, with the headers the routes send them: {@code X-User-Id}, {@code X-User-Roles}
 * and the bearer token.
 */
@RestController
class DashboardController {

	/** How many orders the dashboard shows. */
	static final int LATEST_ORDERS = 5;

	private static final Logger logger = LoggerFactory.getLogger(DashboardController.class);

	private final WebClient services;

	private final DashboardProperties properties;

	DashboardController(@LoadBalanced WebClient.Builder loadBalanced, DashboardProperties properties) {
		this.services = loadBalanced.build();
		this.properties = properties;
	}

	@GetMapping(path = "/api/me/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Dashboard> dashboard(@AuthenticationPrincipal Jwt caller) {
		return Mono
			.zip(part("profile", "http://user-service/api/users/me", this.properties.profileTimeout(), caller),
					part("orders", "http://order-service/api/orders?size=" + LATEST_ORDERS,
							this.properties.ordersTimeout(), caller),
					part("notifications", "http://notification-service/api/notifications/unread-count",
							this.properties.notificationsTimeout(), caller))
			.map((parts) -> new Dashboard(parts.getT1(), parts.getT2(), parts.getT3()));
	}

	private Mono<DashboardPart> part(String name, String uri, Duration timeout, Jwt caller) {
		return this.services.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> relayIdentity(headers, caller))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map(DashboardPart::ok)
			.timeout(timeout)
			.onErrorResume((ex) -> {
				String reason = (ex instanceof TimeoutException) ? DashboardPart.TIMEOUT : DashboardPart.ERROR;
				logger.warn("Dashboard part {} unavailable ({}): {}", name, reason, ex.toString());
				return Mono.just(DashboardPart.unavailable(reason));
			})
			.defaultIfEmpty(DashboardPart.unavailable(DashboardPart.ERROR));
	}

	/**
	 * The bearer token and the identity the gateway's routes relay, from the same
	 * verified token.
	 */
	private static void relayIdentity(HttpHeaders headers, Jwt caller) {
		headers.setBearerAuth(caller.getTokenValue());
		CallerIdentity.relay(caller, headers);
	}

}
