package dev.microshop.common.testing;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The dependency rules every service keeps (see STYLE.md): web → application → domain,
 * adapters around them, and a domain free of framework types.
 */
public final class LayeringRules {

	private LayeringRules() {
	}

	/**
	 * Web and messaging call the application; the application calls the domain and the
	 * persistence port implementations only through domain interfaces.
	 */
	public static ArchRule layers() {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("Web")
			.definedBy("..web..")
			.layer("Messaging")
			.definedBy("..messaging..")
			.layer("Application")
			.definedBy("..application..")
			.layer("Domain")
			.definedBy("..domain..")
			.layer("Persistence")
			.definedBy("..persistence..")
			.layer("Client")
			.definedBy("..client..")
			.whereLayer("Web")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Messaging")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Application")
			.mayOnlyBeAccessedByLayers("Web", "Messaging")
			.whereLayer("Persistence")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Client")
			.mayNotBeAccessedByAnyLayer();
	}

	/**
	 * The domain holds the rules and nothing of the web, the database or the broker.
	 */
	public static ArchRule frameworkFreeDomain() {
		return noClasses().that()
			.resideInAPackage("..domain..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..",
					"jakarta.servlet..", "tools.jackson..")
			.allowEmptyShould(true);
	}

}
