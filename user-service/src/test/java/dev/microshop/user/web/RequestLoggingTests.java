package dev.microshop.user.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests are printed by debug logging and error messages; a password must never be.
 */
class RequestLoggingTests {

	@Test
	void aRegistrationNeverPrintsItsPassword() {
		assertThat(new RegisterRequest("ada@example.com", "correct horse", "Ada").toString())
			.contains("ada@example.com")
			.doesNotContain("correct horse");
	}

	@Test
	void aLoginNeverPrintsItsPassword() {
		assertThat(new LoginRequest("ada@example.com", "correct horse").toString()).contains("ada@example.com")
			.doesNotContain("correct horse");
	}

	@Test
	void aTokenResponseNeverPrintsTheToken() {
		assertThat(new TokenResponse("eyJhbGciOiJFUzI1NiJ9.payload.signature", "Bearer", 900).toString())
			.doesNotContain("eyJ");
	}

}
