package dev.microshop.deployment;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * Fails a test with every violation on its own line, so one run shows all there is to
 * fix.
 */
final class Violations {

	private Violations() {
	}

	static void assertNone(String what, List<Violation> violations) {
		if (!violations.isEmpty()) {
			fail(violations.size() + " violation(s) in " + what + ":\n"
					+ violations.stream().map((violation) -> "  - " + violation).collect(Collectors.joining("\n")));
		}
	}

}
