package dev.microshop.gateway.hardening;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which web pages on other origins may call the API from a browser. None by default:
 * cross-origin requests are refused.
 *
 * @param allowedOrigins the origins allowed, e.g. {@code https://shop.example.com}; a
 * single {@code *} allows every origin, but only without credentials
 * @param allowedMethods the methods a cross-origin request may use
 * @param allowedHeaders the request headers a cross-origin request may send
 * @param exposedHeaders the response headers a cross-origin page may read
 * @param allowCredentials whether the browser may send cookies or client certificates
 * (bearer tokens need no such permission)
 * @param maxAge how long a browser may reuse a preflight answer
 */
@ConfigurationProperties("microshop.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
		"GET", "POST", "PUT", "PATCH", "DELETE" }) List<String> allowedMethods,
		@DefaultValue({ "Authorization", "Content-Type", "Idempotency-Key", "If-None-Match",
				"X-Request-Id" }) List<String> allowedHeaders,
		@DefaultValue({ "Location", "ETag", "Retry-After", "X-Request-Id", "X-RateLimit-Remaining",
				"X-RateLimit-Replenish-Rate", "X-RateLimit-Burst-Capacity", "X-RateLimit-Requested-Tokens",
				"X-Served-Version" }) List<String> exposedHeaders,
		@DefaultValue("false") boolean allowCredentials, @DefaultValue("30m") Duration maxAge){

	CorsProperties {
		// Any origin with credentials would let every web site act as the signed-in user.
		if (allowCredentials && allowedOrigins.contains(CorsConfiguration.ALL)) {
			throw new IllegalArgumentException("microshop.cors.allowed-origins must list the origins explicitly when "
					+ "microshop.cors.allow-credentials is true, never '*'");
		}
	}

	CorsConfiguration toCorsConfiguration() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(this.allowedOrigins);
		cors.setAllowedMethods(this.allowedMethods);
		cors.setAllowedHeaders(this.allowedHeaders);
		cors.setExposedHeaders(this.exposedHeaders);
		cors.setAllowCredentials(this.allowCredentials);
		cors.setMaxAge(this.maxAge);
		return cors;
	}

}
