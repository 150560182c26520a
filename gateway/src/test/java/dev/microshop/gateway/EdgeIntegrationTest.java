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
 * The real gateway on a random port, in front of {@link EdgeServices} found through
 * discovery, with every dashboard part timing out after
 * {@link EdgeIntegrationTest#PART_TIMEOUT_SECONDS}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "microshop.dashboard.profile-timeout=" + EdgeIntegrationTest.PART_TIMEOUT_SECONDS + "s",
				"microshop.dashboard.orders-timeout=" + EdgeIntegrationTest.PART_TIMEOUT_SECONDS + "s",
				"microshop.dashboard.notifications-timeout=" + EdgeIntegrationTest.PART_TIMEOUT_SECONDS + "s" })
@ContextConfiguration(initializers = EdgeServices.Initializer.class)
@interface EdgeIntegrationTest {

	/**
	 * Long enough for a first call on a busy build machine, short enough to wait for.
	 */
	int PART_TIMEOUT_SECONDS = 3;

}
