package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * A named check over one parsed file. A rule reports every problem it finds, not only the
 * first, so one run lists everything to fix.
 *
 * @param <T> the parsed file
 * @param name the rule's name, as it appears in failure messages
 * @param check the check
 */
record Rule<T>(String name, Check<T> check) {

	/**
	 * Applies the rules to one file.
	 * @param <T> the parsed file
	 * @param file the file's name in messages
	 * @param target the parsed file
	 * @param rules the rules
	 * @return every violation found, in rule order
	 */
	static <T> List<Violation> applyAll(String file, T target, List<Rule<T>> rules) {
		List<Violation> violations = new ArrayList<>();
		for (Rule<T> rule : rules) {
			rule.check()
				.apply(target, (subject, detail) -> violations.add(new Violation(file, subject, rule.name(), detail)));
		}
		return violations;
	}

	@FunctionalInterface
	interface Check<T> {

		void apply(T target, Report report);

	}

	@FunctionalInterface
	interface Report {

		void problem(String subject, String detail);

	}

}
