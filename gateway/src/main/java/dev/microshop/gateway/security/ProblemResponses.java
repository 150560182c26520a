package dev.microshop.gateway.security;

import java.util.ArrayList;
import java.util.List;

import dev.microshop.gateway.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Answers 401 and 403 as RFC 9457 problem details with the RFC 6750
 * {@code WWW-Authenticate} challenge, like every service answers its errors.
 * <p>
 * Hand-written because Spring Security's bearer-token entry point and access denied
 * handler send the challenge with an empty body; the challenge parameters follow theirs.
 */
class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemWriter problems;

	ProblemResponses(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error error = oauth2.getError();
			HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
					: HttpStatus.UNAUTHORIZED;
			String detail = StringUtils.hasText(error.getDescription()) ? error.getDescription()
					: "The bearer token is not valid.";
			return write(exchange, status, detail, challenge(error));
		}
		return write(exchange, HttpStatus.UNAUTHORIZED, "A bearer token is required.", "Bearer");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		OAuth2Error error = new OAuth2Error(BearerTokenErrorCodes.INSUFFICIENT_SCOPE,
				"The request requires higher privileges than provided by the access token.", null);
		return write(exchange, HttpStatus.FORBIDDEN, error.getDescription(), challenge(error));
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, String challenge) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(status, detail), headers);
	}

	private static String challenge(OAuth2Error error) {
		List<String> parameters = new ArrayList<>();
		parameters.add(parameter("error", error.getErrorCode()));
		if (StringUtils.hasText(error.getDescription())) {
			parameters.add(parameter("error_description", error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			parameters.add(parameter("error_uri", error.getUri()));
		}
		return "Bearer " + String.join(", ", parameters);
	}

	private static String parameter(String name, String value) {
		// A quoted-string must not carry a raw quote or backslash (RFC 9110 section
		// 5.6.4).
		return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
