package dev.microshop.benchmarks.bare;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway and nothing of the platform's gateway: one route to a fixed
 * address (see {@code bare-gateway.properties}), no filter, no security, no discovery, no
 * metrics and no tracing. {@code scripts/benchmark-gateway} runs it beside the platform's
 * gateway and nginx, under the gateway's JVM options: what the framework itself costs a
 * request, the floor under every filter the platform adds.
 */
@SpringBootApplication
public class BareGateway {

	public static void main(String[] args) {
		application().run(args);
	}

	static SpringApplication application() {
		SpringApplication application = new SpringApplication(BareGateway.class);
		// Its own file: nothing else on the tools' class path configures it.
		application.setDefaultProperties(Map.of("spring.config.name", "bare-gateway"));
		return application;
	}

}
