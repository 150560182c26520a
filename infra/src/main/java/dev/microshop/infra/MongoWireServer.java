package dev.microshop.infra;

import java.nio.file.Files;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server (mongo-java-server) keeping its databases in one H2
 * MVStore file, so documents survive a restart.
 * <p>
 * A stand-in for a real MongoDB server, which cannot run on every developer machine:
 * single-document operations, indexes and aggregations work, multi-document transactions
 * do not. Queries use the collections' indexes ({@link IndexedH2Backend}).
 */
final class MongoWireServer implements AutoCloseable {

	private final MongoServer server;

	private MongoWireServer(MongoServer server) {
		this.server = server;
	}

	static MongoWireServer start(InfrastructureSettings settings) throws Exception {
		Files.createDirectories(settings.mongoFile().getParent());
		MongoServer server = new MongoServer(new IndexedH2Backend(MVStore.open(settings.mongoFile().toString())));
		try {
			server.bind(settings.bindAddress(), settings.mongoPort());
		}
		catch (RuntimeException ex) {
			server.shutdownNow();
			throw ex;
		}
		return new MongoWireServer(server);
	}

	/** Closes client connections, then commits and closes the H2 file. */
	@Override
	public void close() {
		this.server.shutdown();
	}

}
