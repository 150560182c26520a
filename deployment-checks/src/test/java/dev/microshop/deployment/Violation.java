package dev.microshop.deployment;

/**
 * One broken rule: which file, which part of it (a service, a stage, a line), which rule
 * and what is wrong.
 *
 * @param file the file, relative to the repository root
 * @param subject the part of the file, e.g. {@code service order-service} or
 * {@code final stage}
 * @param rule the rule's name
 * @param detail what is wrong, in words a reader can act on
 */
record Violation(String file, String subject, String rule, String detail) {

	@Override
	public String toString() {
		return this.file + " [" + this.subject + "] " + this.rule + ": " + this.detail;
	}

}
