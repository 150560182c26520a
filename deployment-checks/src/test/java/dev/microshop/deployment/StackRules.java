package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.microshop.deployment.ComposeFile.Service;

/**
 * The rules of the Swarm stack files ({@code compose/swarm/}): replicas, update and
 * rollback.
 */
final class StackRules {

	static final String NO_CONTAINER_NAME = "no container_name";

	static final String REPLICAS = "replicas";

	static final String UPDATE_CONFIG = "update_config start-first with rollback";

	static final String ROLLBACK_CONFIG = "rollback_config";

	/** The services that must survive the loss of one task. */
	private static final List<String> REPLICATED = List.of("order-service", "payment-service");

	static final List<Rule<ComposeFile>> RULES = List.of(
			new Rule<>(ComposeRules.ALL_SERVICES, ComposeRules::allServices),
			new Rule<>(NO_CONTAINER_NAME, StackRules::noContainerName), new Rule<>(REPLICAS, StackRules::replicas),
			new Rule<>(UPDATE_CONFIG, StackRules::updateConfig),
			new Rule<>(ROLLBACK_CONFIG, StackRules::rollbackConfig));

	private StackRules() {
	}

	/**
	 * Applies the rules of every service and these rules.
	 * @param file the file, overrides merged
	 * @param imageHealthchecks our services whose Dockerfile has a HEALTHCHECK
	 * @return every violation
	 */
	static List<Violation> check(ComposeFile file, Set<String> imageHealthchecks) {
		List<Rule<ComposeFile>> rules = new ArrayList<>(ServiceRules.rules(true, imageHealthchecks));
		rules.addAll(RULES);
		return Rule.applyAll(file.name(), file, rules);
	}

	private static void noContainerName(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			if (service.get("container_name") != null) {
				report.problem(ServiceRules.subject(service),
						"container_name: a replicated service's tasks cannot share one name");
			}
		}
	}

	private static void replicas(ComposeFile file, Rule.Report report) {
		for (String name : REPLICATED) {
			Service service = file.services().stream().filter((s) -> s.name().equals(name)).findFirst().orElse(null);
			if (service == null) {
				report.problem("service " + name, "missing");
				continue;
			}
			Object replicas = service.get("deploy.replicas");
			if (!(replicas instanceof Integer count) || count < 2) {
				report.problem(ServiceRules.subject(service), "deploy.replicas is " + replicas + ", needs at least 2");
			}
		}
	}

	private static void updateConfig(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			if (service.ourService() == null) {
				continue;
			}
			if (!"start-first".equals(service.string("deploy.update_config.order"))) {
				report.problem(ServiceRules.subject(service), "deploy.update_config.order is "
						+ service.string("deploy.update_config.order") + ", not start-first");
			}
			if (!"rollback".equals(service.string("deploy.update_config.failure_action"))) {
				report.problem(ServiceRules.subject(service), "deploy.update_config.failure_action is "
						+ service.string("deploy.update_config.failure_action") + ", not rollback");
			}
		}
	}

	private static void rollbackConfig(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			if (service.ourService() != null && !(service.get("deploy.rollback_config") instanceof Map<?, ?>)) {
				report.problem(ServiceRules.subject(service), "no deploy.rollback_config");
			}
		}
	}

}
