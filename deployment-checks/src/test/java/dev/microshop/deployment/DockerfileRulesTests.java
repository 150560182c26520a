package dev.microshop.deployment;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Dockerfile rule reports the fixture that breaks it, and only that rule does.
 */
class DockerfileRulesTests {

	@Test
	void aDockerfileAsTheRulesWantItPassesThemAll() {
		assertThat(check("good.Dockerfile")).isEmpty();
	}

	@ParameterizedTest(name = "{0} breaks \"{1}\"")
	@CsvSource(delimiter = '|', textBlock = """
			root-user.Dockerfile            | non-root user
			no-user.Dockerfile              | non-root user
			latest-base.Dockerfile          | pinned base image
			untagged-base.Dockerfile        | pinned base image
			secret-env.Dockerfile           | no secret in ENV/ARG
			no-healthcheck.Dockerfile       | healthcheck
			no-expose.Dockerfile            | expose
			no-labels.Dockerfile            | OCI labels
			layers-out-of-order.Dockerfile  | Boot layers in order
			liveness-healthcheck.Dockerfile | healthcheck on readiness
			""")
	void eachRuleReportsTheFixtureThatBreaksIt(String fixture, String rule) {
		List<Violation> violations = check(fixture);
		assertThat(violations).as(violations.toString())
			.isNotEmpty()
			.allMatch((violation) -> violation.rule().equals(rule));
		assertThat(violations).allMatch((violation) -> violation.file().equals(fixture));
	}

	@Test
	void theHealthcheckRuleIsAlsoBrokenWhenTheHealthcheckIsMissing() {
		// The readiness rule stays quiet then: one problem, one message.
		assertThat(rules(check("no-healthcheck.Dockerfile"))).containsExactly(DockerfileRules.HEALTHCHECK);
	}

	@Test
	void everySecretLookingVariableWithAValueIsReportedWithItsLine() {
		assertThat(check("secret-env.Dockerfile")).extracting(Violation::subject, Violation::detail)
			.anySatisfy((tuple) -> assertThat(tuple.toList().toString()).contains("line 12", "DB_PASSWORD"))
			.anySatisfy((tuple) -> assertThat(tuple.toList().toString()).contains("line 13", "API_KEY"));
	}

	@Test
	void runningAsUidZeroCountsAsRoot() {
		Dockerfile dockerfile = Dockerfile
			.parse(Fixtures.read("docker/good.Dockerfile").replace("USER ${APP_UID}", "USER 0:0"));
		assertThat(rules(DockerfileRules.check("inline", dockerfile, true)))
			.containsExactly(DockerfileRules.NON_ROOT_USER);
	}

	@Test
	void aBaseImageArgWithoutDefaultIsPinnedByWhoeverBuilds() {
		Dockerfile dockerfile = Dockerfile.parse(Fixtures.read("docker/good.Dockerfile")
			.replace("ARG JAVA_IMAGE=eclipse-temurin:25-jre", "ARG JAVA_IMAGE"));
		assertThat(DockerfileRules.check("inline", dockerfile, true)).isEmpty();
	}

	@Test
	void theServiceRulesApplyOnlyToServiceDockerfiles() {
		assertThat(DockerfileRules.check("infra", Fixtures.dockerfile("layers-out-of-order.Dockerfile"), false))
			.isEmpty();
	}

	private static List<Violation> check(String fixture) {
		return DockerfileRules.check(fixture, Fixtures.dockerfile(fixture), true);
	}

	private static Set<String> rules(List<Violation> violations) {
		return violations.stream().map(Violation::rule).collect(Collectors.toSet());
	}

}
