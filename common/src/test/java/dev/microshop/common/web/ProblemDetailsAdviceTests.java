package dev.microshop.common.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.microshop.common.error.ConflictException;
import dev.microshop.common.error.NotFoundException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest
@Import(ProblemDetailsAdviceTests.SampleController.class)
class ProblemDetailsAdviceTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void notFoundIsA404Problem() {
		assertThat(this.mvc.get().uri("/things/missing")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().isEqualTo("No thing missing"))
			.hasPathSatisfying("$.title", (title) -> assertThat(title).asString().isEqualTo("Not found"));
	}

	@Test
	void conflictIsA409Problem() {
		assertThat(this.mvc.get().uri("/things/taken")).hasStatus(409)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void invalidFieldsAreListed() {
		assertThat(this.mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void invalidParametersAreListedByName() {
		assertThat(this.mvc.post()
			.uri("/things")
			.header("Thing-Tag", "")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\"}")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "Thing-Tag");
	}

	@Test
	void unreadableBodyIsA400Problem() {
		assertThat(this.mvc.post().uri("/things").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void missingIdentityIsA401Problem() {
		assertThat(this.mvc.get().uri("/me")).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void callerComesFromTheIdentityHeaders() {
		assertThat(this.mvc.get()
			.uri("/me")
			.header(IdentityHeaders.USER_ID, "u-1")
			.header(IdentityHeaders.USER_ROLES, "USER, ADMIN")).hasStatus(200).hasBodyTextEqualTo("u-1 true");
	}

	@Test
	void unexpectedErrorsDoNotLeakTheirMessage() {
		assertThat(this.mvc.get().uri("/boom")).hasStatus(500)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain("secret");
	}

	@SpringBootApplication
	static class SampleApplication {

	}

	@RestController
	static class SampleController {

		record ThingRequest(@NotBlank String name) {
		}

		@GetMapping("/things/{name}")
		String thing(@PathVariable String name) {
			if (name.equals("taken")) {
				throw new ConflictException("Thing taken");
			}
			throw new NotFoundException("No thing " + name);
		}

		@PostMapping("/things")
		String create(@Valid @RequestBody ThingRequest request,
				@RequestHeader(name = "Thing-Tag", required = false) @Size(min = 1) String tag) {
			return request.name();
		}

		@GetMapping("/me")
		String me(Caller caller) {
			return caller.userId() + " " + caller.hasRole("ADMIN");
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("secret internals");
		}

	}

}
