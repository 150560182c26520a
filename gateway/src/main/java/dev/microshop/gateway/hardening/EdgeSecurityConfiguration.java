package dev.microshop.gateway.hardening;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerWebExchangeDelegatingServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The response headers and the CORS allowlist of every security filter chain, applied by
 * Spring Security to each {@code ServerHttpSecurity} it hands out (a
 * {@code Customizer<ServerHttpSecurity>} bean), so the chains need not repeat them.
 * <p>
 * Spring Security's defaults stay: {@code X-Content-Type-Options: nosniff},
 * {@code X-Frame-Options: DENY}, HSTS on requests that came over HTTPS only (behind a
 * TLS-terminating proxy, set {@code server.forward-headers-strategy} so the gateway sees
 * them as HTTPS), and {@code Cache-Control: no-cache, no-store} only on responses that
 * have no cache headers of their own, so a service's {@code Cache-Control} reaches the
 * client unchanged.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfiguration {

	/**
	 * JSON needs no content of its own: nothing may load, nothing may frame it.
	 */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * Swagger UI loads its own scripts, styles (some inline) and icons (data: URIs) and
	 * calls the API on the same origin.
	 */
	static final String SWAGGER_UI_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final ServerWebExchangeMatcher SWAGGER_UI = ServerWebExchangeMatchers
		.pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**");

	@Bean
	Customizer<ServerHttpSecurity> edgeSecurity(CorsProperties cors, ProblemWriter problems) {
		CorsFilter corsFilter = new CorsFilter(cors.toCorsConfiguration(), problems);
		return (http) -> http
			.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.writer(new ServerWebExchangeDelegatingServerHttpHeadersWriter(
						new NegatedServerWebExchangeMatcher(SWAGGER_UI), contentSecurityPolicy(API_POLICY)))
				.writer(new ServerWebExchangeDelegatingServerHttpHeadersWriter(SWAGGER_UI,
						contentSecurityPolicy(SWAGGER_UI_POLICY))))
			.addFilterAt(corsFilter, SecurityWebFiltersOrder.CORS);
	}

	private static ContentSecurityPolicyServerHttpHeadersWriter contentSecurityPolicy(String directives) {
		ContentSecurityPolicyServerHttpHeadersWriter writer = new ContentSecurityPolicyServerHttpHeadersWriter();
		writer.setPolicyDirectives(directives);
		return writer;
	}

}
