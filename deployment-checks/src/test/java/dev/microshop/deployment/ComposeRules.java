package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.microshop.deployment.ComposeFile.Service;

/**
 * The rules of {@code compose/compose.yaml} (and its overrides): the edge and the
 * hardening of our six services and of the {@code observability} profile's services.
 */
final class ComposeRules {

	static final String ALL_SERVICES = "all six services";

	static final String ONLY_GATEWAY_PUBLISHED = "only the gateway and the observability UIs publish, on 127.0.0.1";

	static final String HARDENED = "hardened (read_only, cap_drop ALL, no-new-privileges)";

	static final List<Rule<ComposeFile>> RULES = List.of(new Rule<>(ALL_SERVICES, ComposeRules::allServices),
			new Rule<>(ONLY_GATEWAY_PUBLISHED, ComposeRules::onlyGatewayPublished),
			new Rule<>(HARDENED, ComposeRules::hardened));

	/**
	 * The compose profile of the observability stack (collector, Jaeger, Prometheus,
	 * Grafana).
	 */
	static final String OBSERVABILITY_PROFILE = "observability";

	/**
	 * The observability profile's user interfaces, which an operator opens in a browser
	 * on the host: service name to the one container port it may publish. The collector's
	 * OTLP ports are for the services on the back-end network only.
	 */
	private static final Map<String, String> OBSERVABILITY_UIS = Map.of("grafana", "3000", "jaeger", "16686",
			"prometheus", "9090");

	private static final List<String> NO_NEW_PRIVILEGES = List.of("no-new-privileges:true", "no-new-privileges=true",
			"no-new-privileges");

	private ComposeRules() {
	}

	/**
	 * Applies the rules of every service and these rules.
	 * @param file the file, overrides merged
	 * @param imageHealthchecks our services whose Dockerfile has a HEALTHCHECK
	 * @return every violation
	 */
	static List<Violation> check(ComposeFile file, Set<String> imageHealthchecks) {
		List<Rule<ComposeFile>> rules = new ArrayList<>(ServiceRules.rules(false, imageHealthchecks));
		rules.addAll(RULES);
		return Rule.applyAll(file.name(), file, rules);
	}

	static void allServices(ComposeFile file, Rule.Report report) {
		List<String> present = file.services().stream().map(Service::ourService).toList();
		for (String service : Repository.SERVICES) {
			if (!present.contains(service)) {
				report.problem("services", "no service runs the image microshop/" + service);
			}
		}
	}

	private static void onlyGatewayPublished(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			List<Object> ports = service.list("ports");
			if (ports.isEmpty()) {
				continue;
			}
			String allowed = allowedPort(service);
			if (allowed == null) {
				report.problem(ServiceRules.subject(service), "publishes " + ports
						+ ": only the gateway and the observability UIs (grafana, jaeger, prometheus) are reachable from the host");
				continue;
			}
			for (Object port : ports) {
				String[] hostAndTarget = hostAndTarget(port);
				if (!"127.0.0.1".equals(hostAndTarget[0]) || !allowed.equals(hostAndTarget[1])) {
					report.problem(ServiceRules.subject(service),
							"publishes " + port + ": publish only container port " + allowed + " on 127.0.0.1");
				}
			}
		}
	}

	/**
	 * The container port a service may publish.
	 * @return the port, or {@code null} when the service publishes nothing
	 */
	private static String allowedPort(Service service) {
		if ("gateway".equals(service.ourService())) {
			return "8080";
		}
		return isObservability(service) ? OBSERVABILITY_UIS.get(service.name()) : null;
	}

	static boolean isObservability(Service service) {
		return service.list("profiles").contains(OBSERVABILITY_PROFILE);
	}

	/**
	 * The host address and container port of a {@code ports} entry, short or long syntax.
	 * @return the host address ({@code null} for all interfaces) and the container port
	 */
	private static String[] hostAndTarget(Object port) {
		if (port instanceof Map<?, ?> map) {
			Object hostIp = map.get("host_ip");
			return new String[] { (hostIp != null) ? hostIp.toString() : null, String.valueOf(map.get("target")) };
		}
		String[] parts = ComposeFile.defaults(String.valueOf(port)).split("/")[0].split(":");
		return new String[] { (parts.length == 3) ? parts[0] : null, parts[parts.length - 1] };
	}

	private static void hardened(ComposeFile file, Rule.Report report) {
		for (Service service : file.services()) {
			// The databases and the broker are official images that start as root
			// (MongoDB)
			// or write their configuration at start (Kafka): compose.yaml says why for
			// each.
			if (service.ourService() == null && !isObservability(service)) {
				continue;
			}
			if (!Boolean.TRUE.equals(service.get("read_only"))) {
				report.problem(ServiceRules.subject(service), "no read_only: true");
			}
			if (!service.list("cap_drop").contains("ALL")) {
				report.problem(ServiceRules.subject(service), "no cap_drop: [ALL]");
			}
			if (service.list("security_opt").stream().map(String::valueOf).noneMatch(NO_NEW_PRIVILEGES::contains)) {
				report.problem(ServiceRules.subject(service), "no security_opt: [no-new-privileges:true]");
			}
		}
	}

}
