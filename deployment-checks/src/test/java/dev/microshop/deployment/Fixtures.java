package dev.microshop.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads this module's fixtures: small files that each break one rule.
 */
final class Fixtures {

	private Fixtures() {
	}

	static String read(String path) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Dockerfile dockerfile(String name) {
		return Dockerfile.parse(read("docker/" + name));
	}

	static ComposeFile compose(String path) {
		return ComposeFile.parse(path, read(path));
	}

}
