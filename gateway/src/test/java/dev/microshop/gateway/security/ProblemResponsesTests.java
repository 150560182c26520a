package dev.microshop.gateway.security;

import dev.microshop.gateway.web.ProblemWriter;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTests {

	private final ProblemResponses problems = new ProblemResponses(new ProblemWriter(ServerCodecConfigurer.create()));

	@Test
	void aCallerWithoutTheRequiredRoleGetsAForbiddenProblem() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/admin/reports"));

		this.problems.handle(exchange, new AccessDeniedException("Access Denied")).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":403")
			.contains("\"instance\":\"/api/admin/reports\"");
	}

}
