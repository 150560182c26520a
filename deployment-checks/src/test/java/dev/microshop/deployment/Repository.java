package dev.microshop.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The repository these checks read: its root is the parent of this module's directory.
 */
final class Repository {

	/** Directories never searched: build output, VCS data, local platform data. */
	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".platform", "node_modules",
			".idea");

	/**
	 * This module's own deliberately broken files, which prove that the rules can fail.
	 */
	private static final Path FIXTURES = Path.of("deployment-checks", "src", "test", "resources", "fixtures");

	/** The six deployables, each with its own Dockerfile, image and compose service. */
	static final List<String> SERVICES = List.of("discovery", "gateway", "user-service", "order-service",
			"payment-service", "notification-service");

	private Repository() {
	}

	static Path root() {
		// Surefire runs tests in the module's directory and passes it as "basedir".
		Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
		Path root = module.toAbsolutePath().normalize().getParent();
		if (root == null || !Files.isRegularFile(root.resolve("mvnw"))
				|| !Files.isRegularFile(root.resolve("pom.xml"))) {
			throw new IllegalStateException("Not inside the repository: no mvnw and pom.xml above " + module);
		}
		return root;
	}

	static String relative(Path file) {
		return root().relativize(file.toAbsolutePath().normalize()).toString();
	}

	/**
	 * Every Dockerfile in the repository: files named {@code Dockerfile},
	 * {@code Dockerfile.*} or {@code *.Dockerfile}.
	 * @return the Dockerfiles, sorted
	 */
	static List<Path> dockerfiles() {
		return files(root()).filter(Repository::isDockerfile).sorted().toList();
	}

	static boolean isDockerfile(Path file) {
		String name = file.getFileName().toString();
		// Dockerfile.<variant>, but not this module's Dockerfile.java.
		return name.equals("Dockerfile") || name.endsWith(".Dockerfile")
				|| (name.startsWith("Dockerfile.") && !name.matches(".*\\.(java|kt|md|txt|adoc)"));
	}

	/**
	 * Shell scripts under the given paths: {@code *.sh} files and files whose first line
	 * is a {@code sh} or {@code bash} shebang.
	 * @param paths files or directories, relative to the root; missing ones are ignored
	 * @return the scripts, sorted
	 */
	static List<Path> shellScripts(String... paths) {
		Path root = root();
		return Stream.of(paths)
			.map(root::resolve)
			.filter(Files::exists)
			.flatMap(Repository::files)
			.filter(Repository::isShellScript)
			.distinct()
			.sorted()
			.toList();
	}

	static boolean isShellScript(Path file) {
		if (file.getFileName().toString().endsWith(".sh")) {
			return true;
		}
		try (Stream<String> lines = Files.lines(file)) {
			String first = lines.findFirst().orElse("");
			return first.matches("#!\\s*/(usr/)?bin/(env\\s+)?(ba)?sh\\b.*");
		}
		catch (IOException | UncheckedIOException ex) {
			// Not text: not a script.
			return false;
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> files(Path start) {
		if (Files.isRegularFile(start)) {
			return Stream.of(start);
		}
		Path fixtures = root().resolve(FIXTURES);
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(start, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					boolean skipped = !dir.equals(start)
							&& (SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) || dir.equals(fixtures));
					return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (attributes.isRegularFile()) {
						found.add(file);
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found.stream();
	}

}
