package dev.microshop.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local infrastructure of the platform in one JVM: a real Kafka broker (KRaft) and a
 * MongoDB wire-protocol server, both listening on 127.0.0.1 (or the bind address given)
 * and keeping their data under one data directory.
 * <p>
 * Started by {@code ./platform up}; stops cleanly on SIGTERM so that neither the Kafka
 * log nor the H2 file is left half written.
 */
public final class LocalInfrastructure implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalInfrastructure.class);

	private final InfrastructureSettings settings;

	/** {@code null} when the services use an external MongoDB. */
	private final MongoWireServer mongo;

	/** {@code null} when the services use an external Kafka. */
	private final KafkaBroker kafka;

	private LocalInfrastructure(InfrastructureSettings settings, MongoWireServer mongo, KafkaBroker kafka) {
		this.settings = settings;
		this.mongo = mongo;
		this.kafka = kafka;
	}

	/**
	 * Starts MongoDB and Kafka (those the settings ask for) and returns once they accept
	 * connections.
	 * @param settings ports and data directory
	 * @return the running infrastructure, to be closed
	 * @throws Exception if a port is taken or a server fails to start; whatever was
	 * started is stopped again
	 */
	public static LocalInfrastructure start(InfrastructureSettings settings) throws Exception {
		// Kafka reports a taken port deep in its startup; say it plainly up front.
		if (settings.kafka()) {
			requireFree(settings, settings.kafkaPort(), "Kafka");
			requireFree(settings, settings.controllerPort(), "the Kafka controller");
		}
		if (settings.mongodb()) {
			requireFree(settings, settings.mongoPort(), "MongoDB");
		}
		MongoWireServer mongo = settings.mongodb() ? MongoWireServer.start(settings) : null;
		try {
			return new LocalInfrastructure(settings, mongo, settings.kafka() ? KafkaBroker.start(settings) : null);
		}
		catch (Exception | Error ex) {
			if (mongo != null) {
				mongo.close();
			}
			throw ex;
		}
	}

	private static void requireFree(InfrastructureSettings settings, int port, String user) throws IOException {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(settings.bindAddress()))) {
			// Free: closed again at once for the real server.
		}
		catch (IOException ex) {
			throw new IOException("Port " + port + " for " + user + " is already in use on " + settings.bindAddress()
					+ " (is the platform already running?)", ex);
		}
	}

	public InfrastructureSettings settings() {
		return this.settings;
	}

	/** Stops Kafka, then MongoDB, flushing both to disk. */
	@Override
	public void close() {
		try {
			if (this.kafka != null) {
				this.kafka.close();
			}
		}
		finally {
			if (this.mongo != null) {
				this.mongo.close();
			}
		}
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--help")) {
			System.out.print(InfrastructureSettings.USAGE);
			return;
		}
		InfrastructureSettings settings;
		try {
			settings = InfrastructureSettings.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(InfrastructureSettings.USAGE);
			System.exit(2);
			return;
		}
		long started = System.nanoTime();
		LocalInfrastructure infrastructure;
		try {
			infrastructure = start(settings);
		}
		catch (Exception ex) {
			logger.error("infra failed to start: {}", ex.getMessage(), ex);
			// Kafka may have left non-daemon threads behind.
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("infra stopping");
			infrastructure.close();
			System.out.println("infra stopped");
			stopped.countDown();
		}, "infra-shutdown"));
		System.out.printf("infra ready: kafka=%s mongodb=%s data=%s (%.1f s)%n",
				settings.kafka() ? settings.kafkaBootstrapServers() : "off",
				settings.mongodb() ? settings.bindAddress() + ":" + settings.mongoPort() : "off", settings.dataDir(),
				(System.nanoTime() - started) / 1e9);
		// The servers may run on daemon threads only: main keeps the JVM up until the
		// hook ran.
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
