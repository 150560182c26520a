package dev.microshop.common.testing;

import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real MongoDB wire-protocol server (mongo-java-server) shared by the tests of one JVM.
 * <p>
 * Services talk to it with the real MongoDB driver, exactly as to a real server. Each
 * test class should use its own database name so that classes never see each other's
 * data.
 */
public final class MongoWireServer {

	private static MongoServer server;

	private MongoWireServer() {
	}

	/**
	 * Returns a connection string to the given database, starting the server on first
	 * use.
	 */
	public static synchronized String uri(String database) {
		if (server == null) {
			server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
		}
		return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database;
	}

	/**
	 * Points a test application context at a fresh database of the shared server.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String database = "test-" + UUID.randomUUID();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("mongoWireServer", Map.of("spring.mongodb.uri", uri(database))));
		}

	}

}
