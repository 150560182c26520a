package dev.microshop.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.microshop.common.testing.LayeringRules;

@AnalyzeClasses(packages = "dev.microshop.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule layers = LayeringRules.layers();

	@ArchTest
	static final ArchRule domain = LayeringRules.frameworkFreeDomain();

}
