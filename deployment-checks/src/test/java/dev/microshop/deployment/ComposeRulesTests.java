package dev.microshop.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each compose and stack rule reports the fixture that breaks it, and no other rule does.
 */
class ComposeRulesTests {

	/** No image brings its own healthcheck: every service needs one in the file. */
	private static final Set<String> NONE = Set.of();

	@Test
	void composeFilesAsTheRulesWantThemPassThemAll() {
		ComposeFile compose = Fixtures.compose("compose/good/compose.yaml");
		assertThat(ComposeRules.check(compose, NONE)).isEmpty();
		assertThat(
				ComposeRules.check(compose.withOverride(Fixtures.compose("compose/good/compose.standins.yaml")), NONE))
			.isEmpty();
	}

	@Test
	void stackFilesAsTheRulesWantThemPassThemAll() {
		ComposeFile stack = Fixtures.compose("compose/good/swarm/stack.yaml");
		assertThat(StackRules.check(stack, NONE)).isEmpty();
		assertThat(StackRules.check(stack.withOverride(Fixtures.compose("compose/good/swarm/stack.ci.yaml")), NONE))
			.isEmpty();
	}

	@ParameterizedTest(name = "{0} breaks \"{2}\" in {1}")
	@CsvSource(delimiter = '|', textBlock = """
			latest-tag.yaml        | order-service  | pinned image; our image tag
			untagged-image.yaml    | mongo          | pinned image
			latest-default.yaml    | gateway        | pinned image
			named-tag.yaml         | gateway        | our image tag
			password-env.yaml      | mongo          | no secret values in environment
			uri-credentials.yaml   | order-service  | no secret values in environment
			undeclared-secret.yaml | user-service   | secrets and configs declared
			no-healthcheck.yaml    | redis          | healthcheck
			no-memory-limit.yaml   | redis          | memory limit
			observability-no-healthcheck.yaml | grafana | healthcheck
			""")
	void eachServiceRuleReportsTheServiceThatBreaksIt(String fixture, String service, String rules) {
		ComposeFile file = Fixtures.compose("compose/bad/" + fixture);
		List<Violation> violations = Rule.applyAll(file.name(), file, ServiceRules.rules(false, NONE));
		assertBroken(violations, "service " + service, rules);
	}

	@ParameterizedTest(name = "{0} breaks \"{2}\" in {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					port-on-all-interfaces.yaml             | service gateway         | only the gateway and the observability UIs publish, on 127.0.0.1
					published-backend.yaml                  | service order-service   | only the gateway and the observability UIs publish, on 127.0.0.1
					observability-ui-on-all-interfaces.yaml | service grafana         | only the gateway and the observability UIs publish, on 127.0.0.1
					observability-collector-published.yaml  | service otel-collector  | only the gateway and the observability UIs publish, on 127.0.0.1
					not-hardened.yaml                       | service payment-service | hardened (read_only, cap_drop ALL, no-new-privileges)
					observability-not-hardened.yaml         | service prometheus      | hardened (read_only, cap_drop ALL, no-new-privileges)
					missing-service.yaml                    | services                | all six services
					""")
	void eachComposeRuleReportsWhatBreaksIt(String fixture, String subject, String rules) {
		assertBroken(ComposeRules.check(Fixtures.compose("compose/bad/" + fixture), NONE), subject, rules);
	}

	@ParameterizedTest(name = "{0} breaks \"{2}\" in {1}")
	@CsvSource(delimiter = '|', textBlock = """
			stack-container-name.yaml     | service gateway              | no container_name
			stack-one-replica.yaml        | service payment-service      | replicas
			stack-stop-first.yaml         | service discovery            | update_config start-first with rollback
			stack-no-rollback-config.yaml | service notification-service | rollback_config
			stack-mem-limit.yaml          | service kafka                | memory limit
			""")
	void eachStackRuleReportsWhatBreaksIt(String fixture, String subject, String rules) {
		assertBroken(StackRules.check(Fixtures.compose("compose/bad/" + fixture), NONE), subject, rules);
	}

	@Test
	void aHardeningProblemIsReportedOncePerMissingSetting() {
		List<Violation> violations = ComposeRules.check(Fixtures.compose("compose/bad/not-hardened.yaml"), NONE);
		assertThat(violations).extracting(Violation::detail)
			.containsExactly("no read_only: true", "no cap_drop: [ALL]", "no security_opt: [no-new-privileges:true]");
	}

	@Test
	void anOverrideIsCheckedMergedOnItsBase() {
		ComposeFile compose = Fixtures.compose("compose/good/compose.yaml")
			.withOverride(Fixtures.compose("compose/bad/latest-tag.yaml"));
		assertThat(compose.name()).isEqualTo("compose/good/compose.yaml + latest-tag.yaml");
		assertThat(ComposeRules.check(compose, NONE)).extracting(Violation::subject, Violation::rule)
			.containsExactlyInAnyOrder(tuple("service order-service", ServiceRules.PINNED_IMAGE),
					tuple("service order-service", ServiceRules.OUR_IMAGE_TAG));
	}

	@Test
	void ourServiceMayUseItsImagesHealthcheckButNoOtherMay() {
		ComposeFile file = Fixtures.compose("compose/bad/no-healthcheck-in-file.yaml");
		assertThat(Rule.applyAll(file.name(), file, ServiceRules.rules(false, Set.of("gateway"))))
			.extracting(Violation::subject, Violation::detail)
			.containsExactly(tuple("service redis", "no healthcheck (only our six images may use their Dockerfile's)"));
		assertThat(Rule.applyAll(file.name(), file, ServiceRules.rules(false, NONE)))
			.extracting(Violation::subject, Violation::detail)
			.containsExactlyInAnyOrder(
					tuple("service redis", "no healthcheck (only our six images may use their Dockerfile's)"),
					tuple("service gateway", "no healthcheck, neither here nor in gateway/Dockerfile"));
	}

	@Test
	void anImageChosenByAVariableIsCheckedWithItsDefault() {
		ComposeFile file = ComposeFile.parse("inline", """
				services:
				  mongo:
				    image: ${MONGO_IMAGE:-mongo}
				    mem_limit: 512m
				    healthcheck: {test: [CMD, mongosh]}
				  kafka:
				    image: ${KAFKA_IMAGE:-apache/kafka:4.1.2}
				    mem_limit: 512m
				    healthcheck: {test: [CMD, kafka-topics.sh]}
				  redis:
				    image: ${REDIS_IMAGE:?set the image}
				    mem_limit: 64m
				    healthcheck: {test: [CMD, redis-cli, ping]}
				""");
		assertThat(Rule.applyAll(file.name(), file, ServiceRules.rules(false, NONE)))
			.extracting(Violation::subject, Violation::detail)
			.containsExactly(tuple("service mongo", "image ${MONGO_IMAGE:-mongo}: no tag (means latest)"));
	}

	private static void assertBroken(List<Violation> violations, String subject, String rules) {
		Set<String> expected = Arrays.stream(rules.split(";")).map(String::strip).collect(Collectors.toSet());
		assertThat(violations).as(violations.toString()).isNotEmpty();
		assertThat(violations).as(violations.toString()).allMatch((violation) -> violation.subject().equals(subject));
		assertThat(violations.stream().map(Violation::rule).collect(Collectors.toSet())).isEqualTo(expected);
	}

}
