package dev.microshop.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the compose files of a directory and the combinations in which they are used.
 * <p>
 * A compose file is a {@code *.yaml} or {@code *.yml} file with a top-level
 * {@code services} section (other YAML files, e.g. a Prometheus configuration, are not).
 * {@code name.x.yaml} next to {@code name.yaml} is an override of it
 * ({@code compose.standins.yaml}, {@code stack.ci.yaml}): it is never used alone, so the
 * rules check it merged on top of its base, and they check the base alone too.
 */
final class ComposeFiles {

	private ComposeFiles() {
	}

	/**
	 * The files as they are deployed: each base file alone, then with each of its
	 * overrides.
	 * @param directory the directory (not searched recursively)
	 * @return the files, bases in name order, each followed by its overrides
	 */
	static List<ComposeFile> asDeployed(Path directory) {
		List<Path> files = composeFiles(directory);
		List<ComposeFile> deployed = new ArrayList<>();
		for (Path file : files) {
			if (baseOf(file, files) != null) {
				continue;
			}
			ComposeFile base = ComposeFile.load(file);
			deployed.add(base);
			files.stream()
				.filter((override) -> file.equals(baseOf(override, files)))
				.forEach((override) -> deployed.add(base.withOverride(ComposeFile.load(override))));
		}
		return deployed;
	}

	static List<Path> composeFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> list = Files.list(directory)) {
			return list.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().matches(".*\\.ya?ml"))
				.filter((file) -> Files.isRegularFile(file) && hasServices(file))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean hasServices(Path file) {
		return Repository.read(file).lines().anyMatch((line) -> line.startsWith("services:"));
	}

	private static Path baseOf(Path file, List<Path> files) {
		String name = file.getFileName().toString();
		String extension = name.substring(name.lastIndexOf('.'));
		String stem = name.substring(0, name.lastIndexOf('.'));
		int dot = stem.indexOf('.');
		if (dot < 0) {
			return null;
		}
		Path base = file.resolveSibling(stem.substring(0, dot) + extension);
		return files.contains(base) ? base : null;
	}

}
