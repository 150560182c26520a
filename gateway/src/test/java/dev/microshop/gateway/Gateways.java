package dev.microshop.gateway;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * More real gateways than the test context's one, each on its own random port in front of
 * the {@link StubService stub services}, for tests that need several replicas or several
 * configurations at once. Close each one after the test.
 */
final class Gateways {

	private Gateways() {
	}

	/** Starts a gateway with the given {@code name=value} properties. */
	static ConfigurableApplicationContext start(String... properties) {
		// Closing waits for Reactor Netty's event loops to be idle for this long (2 s
		// by default): nothing is left to finish once a test is done with its gateway.
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.reactor.netty.shutdown-quiet-period=0s"));
		for (String property : properties) {
			// As arguments, so that they take precedence over application.yml.
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(GatewayApplication.class).initializers(new StubService.Initializer())
			.run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext gateway) {
		return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
