package dev.microshop.user.domain;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserTests {

	@Test
	void rolesAreInAStableOrder() {
		User user = new User("u-1", EmailAddress.of("a@example.com"), "A", "{bcrypt}hash",
				Set.of(Role.ADMIN, Role.USER), Instant.now());
		assertThat(user.roles()).containsExactly(Role.USER, Role.ADMIN);
	}

	@Test
	void neverPrintsThePasswordHash() {
		User user = new User("u-1", EmailAddress.of("a@example.com"), "A", "{bcrypt}$2a$10$secret-hash",
				Set.of(Role.USER), Instant.now());
		assertThat(user.toString()).contains("u-1").doesNotContain("secret-hash");
	}

}
