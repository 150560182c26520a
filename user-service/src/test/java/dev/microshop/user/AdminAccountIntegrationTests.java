package dev.microshop.user;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microshop.common.testing.EmbeddedBroker;
import dev.microshop.common.testing.ServiceIntegrationTest;
import dev.microshop.user.application.AdminAccount;
import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@EmbeddedBroker
@WithAdministrator
class AdminAccountIntegrationTests {

	private static final EmailAddress ADMIN = EmailAddress.of("admin@microshop.dev");

	@Autowired
	AdminAccount adminAccount;

	@Autowired
	UserRepository users;

	@Autowired
	MongoOperations mongo;

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void theConfiguredAdministratorExistsAfterStartWithTheAdminRole() {
		User admin = this.users.findByEmail(ADMIN).orElseThrow();
		assertThat(admin.roles()).containsExactly(Role.USER, Role.ADMIN);

		this.http.get()
			.uri("/api/users/me")
			.header("X-User-Id", admin.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER", "ADMIN"));
	}

	@Test
	void theAdministratorLogsInWithTheConfiguredPassword() {
		this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "admin@microshop.dev", "password", "admin-secret"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void ensuringAgainKeepsOneAdministratorAndTakesANewPassword() {
		User before = this.users.findByEmail(ADMIN).orElseThrow();

		User again = this.adminAccount.ensure(ADMIN, "admin-secret");
		User changed = this.adminAccount.ensure(ADMIN, "new-admin-secret");

		assertThat(again).isEqualTo(before);
		assertThat(changed.id()).isEqualTo(before.id());
		assertThat(changed.passwordHash()).isNotEqualTo(before.passwordHash());
		assertThat(this.mongo.count(Query.query(Criteria.where("email").is(ADMIN.value())), "users")).isOne();
		this.http.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", ADMIN.value(), "password", "new-admin-secret"))
			.exchange()
			.expectStatus()
			.isOk();
		this.adminAccount.ensure(ADMIN, "admin-secret");
	}

	@Test
	void aRegisteredUserNamedAsAdministratorIsPromoted() {
		EmailAddress email = EmailAddress.of("promoted@microshop.dev");
		String id = this.http.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email.value(), "password", "user-password", "displayName", "Pat"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(UsersIntegrationTests.UserBody.class)
			.returnResult()
			.getResponseBody()
			.id();

		User promoted = this.adminAccount.ensure(email, "admin-password");

		assertThat(promoted.id()).isEqualTo(id);
		assertThat(promoted.displayName()).isEqualTo("Pat");
		assertThat(promoted.roles()).containsExactly(Role.USER, Role.ADMIN);
	}

}
