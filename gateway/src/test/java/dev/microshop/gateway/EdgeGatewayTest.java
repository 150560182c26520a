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
 * The real gateway on a random port in front of {@link EdgeFixture}, with one allowed
 * CORS origin ({@value #ALLOWED_ORIGIN}), a key set refreshed every 2 s (early at most
 * every 1 s) and a 64 KB body limit. All edge tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "microshop.cors.allowed-origins=" + EdgeGatewayTest.ALLOWED_ORIGIN,
				"microshop.jwt.jwk-set-cache-ttl=2s", "microshop.jwt.jwk-set-refresh-min-interval=1s",
				"microshop.request-limits.max-body-size=64KB" })
@ContextConfiguration(initializers = EdgeFixture.Initializer.class)
@interface EdgeGatewayTest {

	String ALLOWED_ORIGIN = "https://shop.example";

}
