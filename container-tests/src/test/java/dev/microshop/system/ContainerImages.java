package dev.microshop.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds the service images from the jars the reactor just built, once for all the test
 * classes that use them, with the same scripts a learner runs: on a machine that can pull
 * nothing ({@link Docker#STANDINS}), first the stand-in base images.
 */
final class ContainerImages implements BeforeAllCallback {

	/**
	 * The tag of the images under test: the project version, as compose.yaml defaults to.
	 */
	static final String TAG = System.getProperty("project.version", "0.1.0-SNAPSHOT");

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(ContainerImages.class, (key) -> {
			if (Docker.STANDINS) {
				System.out.println(Docker.run(Docker.ROOT, Map.of(), Duration.ofMinutes(10),
						List.of("compose/standins/build-images")));
			}
			System.out.println(Docker.run(Docker.ROOT, Map.of("JAVA_BASE_IMAGE", Docker.JAVA_BASE_IMAGE),
					Duration.ofMinutes(20), List.of("compose/build-images", TAG)));
			return Boolean.TRUE;
		});
	}

}
