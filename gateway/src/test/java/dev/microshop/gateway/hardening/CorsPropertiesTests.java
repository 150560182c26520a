package dev.microshop.gateway.hardening;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CorsPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void byDefaultNoOriginIsAllowed() {
		this.contexts.run((context) -> {
			CorsConfiguration cors = context.getBean(CorsProperties.class).toCorsConfiguration();
			assertThat(cors.checkOrigin("https://shop.example")).isNull();
			assertThat(cors.getAllowCredentials()).isFalse();
		});
	}

	@Test
	void anEmptyAllowlistFromTheEnvironmentAllowsNoOrigin() {
		this.contexts.withPropertyValues("microshop.cors.allowed-origins=")
			.run((context) -> assertThat(context.getBean(CorsProperties.class).allowedOrigins()).isEmpty());
	}

	@Test
	void theGatewayRefusesToStartWithAnyOriginAndCredentials() {
		this.contexts
			.withPropertyValues("microshop.cors.allowed-origins=https://shop.example,*",
					"microshop.cors.allow-credentials=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("never '*'"));
	}

	@Test
	void anyOriginIsAllowedWithoutCredentials() {
		this.contexts.withPropertyValues("microshop.cors.allowed-origins=*").run((context) -> {
			CorsConfiguration cors = context.getBean(CorsProperties.class).toCorsConfiguration();
			assertThat(cors.checkOrigin("https://anywhere.example")).isEqualTo("*");
		});
	}

	@Test
	void listedOriginsAreAllowedWithCredentials() {
		this.contexts
			.withPropertyValues("microshop.cors.allowed-origins=https://shop.example,https://admin.shop.example",
					"microshop.cors.allow-credentials=true")
			.run((context) -> {
				CorsConfiguration cors = context.getBean(CorsProperties.class).toCorsConfiguration();
				assertThat(cors.checkOrigin("https://admin.shop.example")).isEqualTo("https://admin.shop.example");
				assertThat(cors.checkOrigin("https://evil.example")).isNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CorsProperties.class)
	static class PropertiesConfiguration {

	}

}
