package dev.microshop.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the form {@code --name value}.
 */
final class Options {

	private final Map<String, String> values = new HashMap<>();

	Options(String[] arguments) {
		for (int i = 0; i < arguments.length; i++) {
			String name = arguments[i];
			if (!name.startsWith("--") || i + 1 == arguments.length) {
				throw new IllegalArgumentException("Expected --name value, not '" + name + "'");
			}
			this.values.put(name.substring(2), arguments[++i]);
		}
	}

	String string(String name, String otherwise) {
		return this.values.getOrDefault(name, otherwise);
	}

	int integer(String name, int otherwise) {
		return this.values.containsKey(name) ? Integer.parseInt(this.values.get(name)) : otherwise;
	}

	/**
	 * Returns a list of numbers written with spaces or commas between them:
	 * {@code "25 50 100"} or {@code 25,50,100}.
	 */
	List<Double> numbers(String name, String otherwise) {
		String value = this.values.getOrDefault(name, otherwise).strip();
		if (value.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(value.split("[\\s,]+")).map(Double::valueOf).toList();
	}

}
