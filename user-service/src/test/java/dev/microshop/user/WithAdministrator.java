package dev.microshop.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The administrator that the service makes sure of at start, as {@code ADMIN_EMAIL} and
 * {@code ADMIN_PASSWORD} name it. Every integration test of this service declares it, so
 * that they share one application context, and one Kafka broker, instead of two.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "microshop.admin.email=" + WithAdministrator.EMAIL,
		"microshop.admin.password=" + WithAdministrator.PASSWORD })
@interface WithAdministrator {

	/** As configured: the service stores it in lower case. */
	String EMAIL = "Admin@Microshop.dev";

	String PASSWORD = "admin-secret";

}
