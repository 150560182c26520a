package dev.microshop.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as its instructions, grouped into the global part (ARGs before the
 * first FROM) and its stages. Handles line continuations, comments and here-documents;
 * enough to check the instructions, not a full BuildKit parser.
 */
final class Dockerfile {

	private static final Pattern HEREDOC = Pattern.compile("<<(-?)[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");

	private static final Pattern VARIABLE = Pattern
		.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

	private final List<Instruction> global = new ArrayList<>();

	private final List<Stage> stages = new ArrayList<>();

	private Dockerfile() {
	}

	static Dockerfile parse(String text) {
		Dockerfile dockerfile = new Dockerfile();
		String[] lines = text.split("\r?\n", -1);
		StringBuilder logical = null;
		int start = 0;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (logical == null && trimmed.isEmpty())) {
				// Comments are dropped, also inside a continued instruction (as Docker
				// does).
				continue;
			}
			if (logical == null) {
				logical = new StringBuilder();
				start = i + 1;
			}
			if (trimmed.endsWith("\\")) {
				logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			logical.append(trimmed);
			Matcher heredoc = HEREDOC.matcher(logical);
			if (heredoc.find()) {
				String delimiter = heredoc.group(2);
				boolean stripTabs = !heredoc.group(1).isEmpty();
				while (i + 1 < lines.length) {
					String body = lines[++i];
					if ((stripTabs ? body.strip() : body).equals(delimiter)) {
						break;
					}
					logical.append('\n').append(body);
				}
			}
			dockerfile.add(logical.toString().strip(), start);
			logical = null;
		}
		if (logical != null) {
			dockerfile.add(logical.toString().strip(), start);
		}
		return dockerfile;
	}

	private void add(String text, int line) {
		String[] parts = text.split("\\s+", 2);
		Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1] : "",
				line);
		if (instruction.is("FROM")) {
			this.stages.add(new Stage(this.stages.size(), instruction, new ArrayList<>()));
		}
		else if (this.stages.isEmpty()) {
			this.global.add(instruction);
		}
		else {
			this.stages.get(this.stages.size() - 1).instructions().add(instruction);
		}
	}

	List<Stage> stages() {
		return this.stages;
	}

	/**
	 * The stage the image is made of.
	 * @return the last stage, or {@code null} when there is no FROM at all
	 */
	Stage finalStage() {
		return this.stages.isEmpty() ? null : this.stages.get(this.stages.size() - 1);
	}

	/**
	 * The global ARGs (declared before the first FROM) with their defaults.
	 * @return name to default value ({@code null} when the ARG has no default)
	 */
	Map<String, String> globalArgs() {
		Map<String, String> args = new LinkedHashMap<>();
		this.global.stream().filter((instruction) -> instruction.is("ARG")).forEach((arg) -> args.putAll(arg.pairs()));
		return args;
	}

	/**
	 * Every ARG and ENV instruction, global or in a stage.
	 * @return the instructions, in file order
	 */
	List<Instruction> argsAndEnvs() {
		List<Instruction> all = new ArrayList<>(this.global);
		this.stages.forEach((stage) -> all.add(stage.from()));
		this.stages.forEach((stage) -> all.addAll(stage.instructions()));
		return all.stream().filter((instruction) -> instruction.is("ARG") || instruction.is("ENV")).toList();
	}

	/**
	 * Replaces {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}} with known
	 * values.
	 * @param text the text
	 * @param values known values; a name with a {@code null} value is left as it is
	 * @return the text with every variable that could be resolved replaced
	 */
	static String resolve(String text, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(3);
			String value = values.get(name);
			if (value == null && matcher.group(2) != null && matcher.group(0).matches("\\$\\{[A-Za-z0-9_]+:?-.*")) {
				value = matcher.group(2);
			}
			matcher.appendReplacement(resolved, Matcher.quoteReplacement((value != null) ? value : matcher.group(0)));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	static boolean hasVariable(String text) {
		return VARIABLE.matcher(text).find();
	}

	/**
	 * One instruction.
	 *
	 * @param keyword the instruction, upper case
	 * @param arguments everything after the keyword, continuation lines joined
	 * @param line the line it starts on
	 */
	record Instruction(String keyword, String arguments, int line) {

		boolean is(String name) {
			return this.keyword.equals(name);
		}

		/**
		 * The arguments as shell-like words: quotes group and are removed, flags
		 * included.
		 * @return the words
		 */
		List<String> words() {
			List<String> words = new ArrayList<>();
			StringBuilder word = null;
			char quote = 0;
			String text = this.arguments;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (quote != 0) {
					if (c == quote) {
						quote = 0;
					}
					else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
						word.append(text.charAt(++i));
					}
					else {
						word.append(c);
					}
				}
				else if (Character.isWhitespace(c)) {
					if (word != null) {
						words.add(word.toString());
						word = null;
					}
				}
				else {
					if (word == null) {
						word = new StringBuilder();
					}
					if (c == '"' || c == '\'') {
						quote = c;
					}
					else if (c == '\\' && i + 1 < text.length()) {
						word.append(text.charAt(++i));
					}
					else {
						word.append(c);
					}
				}
			}
			if (word != null) {
				words.add(word.toString());
			}
			return words;
		}

		/**
		 * The {@code key=value} pairs of an ARG, ENV or LABEL, also in the legacy
		 * {@code KEY value} form of ENV and LABEL.
		 * @return key to value ({@code null} for an ARG without default)
		 */
		Map<String, String> pairs() {
			Map<String, String> pairs = new LinkedHashMap<>();
			List<String> words = words();
			if (!words.isEmpty() && !words.get(0).contains("=") && !is("ARG") && words.size() > 1) {
				pairs.put(words.get(0), String.join(" ", words.subList(1, words.size())));
				return pairs;
			}
			for (String word : words) {
				int equals = word.indexOf('=');
				if (equals < 0) {
					pairs.put(word, null);
				}
				else {
					pairs.put(word.substring(0, equals), word.substring(equals + 1));
				}
			}
			return pairs;
		}

		/**
		 * The words that are not {@code --flags}.
		 * @return the words
		 */
		List<String> operands() {
			if (this.arguments.startsWith("[")) {
				// Exec (JSON) form: ["a", "b"].
				return List.of(this.arguments.replaceAll("[\\[\\]\"]", "").split("\\s*,\\s*"));
			}
			return words().stream().filter((word) -> !word.startsWith("--")).toList();
		}

	}

	/**
	 * One build stage.
	 *
	 * @param index its position, from 0
	 * @param from its FROM instruction
	 * @param instructions the instructions after the FROM
	 */
	record Stage(int index, Instruction from, List<Instruction> instructions) {

		/**
		 * The image or stage the stage starts from.
		 * @return the first operand of FROM
		 */
		String base() {
			List<String> operands = this.from.operands();
			return operands.isEmpty() ? "" : operands.get(0);
		}

		/**
		 * The name given with {@code AS}.
		 * @return the name, or {@code null}
		 */
		String name() {
			List<String> operands = this.from.operands();
			return (operands.size() >= 3 && operands.get(1).equalsIgnoreCase("AS")) ? operands.get(2) : null;
		}

		List<Instruction> all(String keyword) {
			return this.instructions.stream().filter((instruction) -> instruction.is(keyword)).toList();
		}

	}

}
