package dev.microshop.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker in KRaft mode: one process acting as broker and
 * controller, with its log directory on disk so topics, records and committed offsets
 * survive a restart.
 */
final class KafkaBroker implements AutoCloseable {

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final KafkaRaftServer server;

	private KafkaBroker(KafkaRaftServer server) {
		this.server = server;
	}

	/**
	 * Formats the log directory if this is its first start, then starts the broker and
	 * returns once it accepts clients.
	 */
	static KafkaBroker start(InfrastructureSettings settings) throws Exception {
		KafkaConfig config = new KafkaConfig(properties(settings));
		formatOnFirstStart(config, settings.kafkaLogDir());
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			server.startup();
		}
		catch (RuntimeException ex) {
			server.shutdown();
			throw ex;
		}
		return new KafkaBroker(server);
	}

	static Properties properties(InfrastructureSettings settings) {
		String bind = settings.bindAddress();
		Properties properties = new Properties();
		properties.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", String.valueOf(NODE_ID)),
				// A static voter set: the controller address is configuration, not part
				// of the stored metadata, so the ports can change between runs. The
				// broker reaches its own controller on a connectable address.
				Map.entry("controller.quorum.voters",
						NODE_ID + "@" + settings.localAddress() + ":" + settings.controllerPort()),
				Map.entry("controller.listener.names", CONTROLLER_LISTENER),
				Map.entry("listeners",
						"PLAINTEXT://" + bind + ":" + settings.kafkaPort() + "," + CONTROLLER_LISTENER + "://" + bind
								+ ":" + settings.controllerPort()),
				// What clients are told to connect to: a name other containers resolve.
				Map.entry("advertised.listeners",
						"PLAINTEXT://" + settings.advertisedHost() + ":" + settings.kafkaPort()),
				Map.entry("listener.security.protocol.map",
						"PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("log.dirs", settings.kafkaLogDir().toString()),
				// One node: every internal topic has one replica and an ISR of one.
				Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"), Map.entry("min.insync.replicas", "1"),
				Map.entry("default.replication.factor", "1"),
				// A laptop needs neither 50 offsets partitions (50 directories and index
				// files) nor the 3 s wait for more consumers before the first rebalance.
				Map.entry("offsets.topic.num.partitions", "5"), Map.entry("group.initial.rebalance.delay.ms", "0"),
				Map.entry("auto.create.topics.enable", "true"), Map.entry("num.partitions", "1")));
		return properties;
	}

	private static void formatOnFirstStart(KafkaConfig config, Path logDir) throws Exception {
		if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
			return;
		}
		Files.createDirectories(logDir);
		// What `kafka-storage.sh format` does for a static quorum.
		new Formatter().setNodeId(config.nodeId())
			.setClusterId(Uuid.randomUuid().toString())
			.setControllerListenerName(CONTROLLER_LISTENER)
			.setMetadataLogDirectory(config.metadataLogDir())
			.addDirectory(logDir.toString())
			.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
			.setHasDynamicQuorum(false)
			.run();
	}

	/** Stops the broker and waits until its logs are flushed and closed. */
	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
