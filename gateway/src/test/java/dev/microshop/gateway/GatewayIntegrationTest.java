package dev.microshop.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real gateway on a random port, in front of the {@link StubService stub services}
 * found through discovery, so a test sends real HTTP and sees what reached the service.
 * <p>
 * Set for the edge's tests: one allowed CORS origin ({@value #ALLOWED_ORIGIN}), a key set
 * refreshed every 2 s (early at most every 1 s), a 64 KB body limit, and every dashboard
 * part timing out after {@value #PART_TIMEOUT_SECONDS} s. Tests that add properties of
 * their own get a context of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "microshop.cors.allowed-origins=" + GatewayIntegrationTest.ALLOWED_ORIGIN,
				"microshop.jwt.jwk-set-cache-ttl=2s", "microshop.jwt.jwk-set-refresh-min-interval=1s",
				"microshop.request-limits.max-body-size=64KB",
				"microshop.dashboard.profile-timeout=" + GatewayIntegrationTest.PART_TIMEOUT_SECONDS + "s",
				"microshop.dashboard.orders-timeout=" + GatewayIntegrationTest.PART_TIMEOUT_SECONDS + "s",
				"microshop.dashboard.notifications-timeout=" + GatewayIntegrationTest.PART_TIMEOUT_SECONDS + "s" })
@ContextConfiguration(initializers = StubService.Initializer.class)
@interface GatewayIntegrationTest {

	String ALLOWED_ORIGIN = "https://shop.example";

	/**
	 * Long enough for a first call on a busy build machine, short enough to wait for.
	 */
	int PART_TIMEOUT_SECONDS = 3;

}
