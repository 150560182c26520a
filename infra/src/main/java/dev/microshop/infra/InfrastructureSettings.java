package dev.microshop.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the local infrastructure listens and keeps its data.
 * <p>
 * Each value comes from a command-line option, else an environment variable, else a
 * default that matches the platform contract (Kafka 9092 with its controller on 9093,
 * MongoDB wire protocol on 27017, data under {@code .platform/data}).
 *
 * @param dataDir directory holding the Kafka log directory and the MongoDB H2 file
 * @param kafkaPort port of the Kafka client listener
 * @param controllerPort port of the KRaft controller listener
 * @param mongoPort port of the MongoDB wire-protocol server
 * @param kafka whether to start Kafka (not when the services use an external broker)
 * @param mongodb whether to start MongoDB (not when the services use an external server)
 */
public record InfrastructureSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, boolean kafka,
		boolean mongodb) {

	/** The only address the local platform listens on. */
	public static final String HOST = "127.0.0.1";

	static final String USAGE = """
			Usage: java -jar infra.jar [options]
			  --data-dir DIR                data directory  (env PLATFORM_DATA_DIR, default .platform/data)
			  --kafka-port PORT             Kafka clients   (env KAFKA_PORT, default 9092)
			  --kafka-controller-port PORT  KRaft controller (env KAFKA_CONTROLLER_PORT, default 9093)
			  --mongo-port PORT             MongoDB wire    (env MONGO_PORT, default 27017)
			  --without-kafka               start no Kafka broker (the services use another one)
			  --without-mongodb             start no MongoDB server (the services use another one)
			""";

	public InfrastructureSettings {
		dataDir = dataDir.toAbsolutePath().normalize();
		List<Integer> ports = List.of(kafkaPort, controllerPort, mongoPort);
		for (int port : ports) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("Not a TCP port: " + port);
			}
		}
		if (ports.stream().distinct().count() != ports.size()) {
			throw new IllegalArgumentException(
					"Kafka, its controller and MongoDB need three different ports: " + ports);
		}
		if (!kafka && !mongodb) {
			throw new IllegalArgumentException("Nothing to start: both --without-kafka and --without-mongodb given");
		}
	}

	/**
	 * Settings that start both Kafka and MongoDB.
	 * @param dataDir directory holding the Kafka log directory and the MongoDB H2 file
	 * @param kafkaPort port of the Kafka client listener
	 * @param controllerPort port of the KRaft controller listener
	 * @param mongoPort port of the MongoDB wire-protocol server
	 */
	public InfrastructureSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort) {
		this(dataDir, kafkaPort, controllerPort, mongoPort, true, true);
	}

	/**
	 * Reads the settings from command-line options ({@code --name value},
	 * {@code --name=value} or a {@code --without-...} flag), falling back to the
	 * environment.
	 * @param args the command-line arguments
	 * @param env the environment, usually {@link System#getenv()}
	 * @return the settings
	 * @throws IllegalArgumentException on an unknown option or a value that is not a port
	 */
	public static InfrastructureSettings parse(String[] args, Map<String, String> env) {
		Map<String, String> values = new java.util.HashMap<>();
		values.put("data-dir", env.getOrDefault("PLATFORM_DATA_DIR", ".platform/data"));
		values.put("kafka-port", env.getOrDefault("KAFKA_PORT", "9092"));
		values.put("kafka-controller-port", env.getOrDefault("KAFKA_CONTROLLER_PORT", "9093"));
		values.put("mongo-port", env.getOrDefault("MONGO_PORT", "27017"));
		boolean kafka = true;
		boolean mongodb = true;
		List<String> remaining = new ArrayList<>(List.of(args));
		while (!remaining.isEmpty()) {
			String option = remaining.remove(0);
			if (option.equals("--without-kafka")) {
				kafka = false;
				continue;
			}
			if (option.equals("--without-mongodb")) {
				mongodb = false;
				continue;
			}
			if (!option.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument: " + option);
			}
			String name = option.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (!remaining.isEmpty()) {
				value = remaining.remove(0);
			}
			else {
				throw new IllegalArgumentException("Option --" + name + " needs a value");
			}
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("Unknown option: --" + name);
			}
			values.put(name, value);
		}
		return new InfrastructureSettings(Path.of(values.get("data-dir")), port(values, "kafka-port"),
				port(values, "kafka-controller-port"), port(values, "mongo-port"), kafka, mongodb);
	}

	private static int port(Map<String, String> values, String name) {
		String value = values.get(name).trim();
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " is not a port: " + value);
		}
	}

	/** The Kafka bootstrap address clients use. */
	public String kafkaBootstrapServers() {
		return HOST + ":" + this.kafkaPort;
	}

	/** A MongoDB connection string without a database. */
	public String mongoUri() {
		return "mongodb://" + HOST + ":" + this.mongoPort;
	}

	Path kafkaLogDir() {
		return this.dataDir.resolve("kafka");
	}

	Path mongoFile() {
		return this.dataDir.resolve("mongodb").resolve("mongodb.mv.db");
	}

}
