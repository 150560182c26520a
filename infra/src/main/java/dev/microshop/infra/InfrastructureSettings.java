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
 * MongoDB wire protocol on 27017, data under {@code .platform/data}, everything on
 * 127.0.0.1). In a container, the servers listen on every interface
 * ({@code --bind-address 0.0.0.0}) and Kafka tells its clients the service's name
 * ({@code --advertised-host kafka}).
 *
 * @param dataDir directory holding the Kafka log directory and the MongoDB H2 file
 * @param kafkaPort port of the Kafka client listener
 * @param controllerPort port of the KRaft controller listener
 * @param mongoPort port of the MongoDB wire-protocol server
 * @param kafka whether to start Kafka (not when the services use an external broker)
 * @param mongodb whether to start MongoDB (not when the services use an external server)
 * @param bindAddress the address every listener binds, Kafka's controller included
 * @param advertisedHost the host Kafka gives its clients to connect to
 */
public record InfrastructureSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, boolean kafka,
		boolean mongodb, String bindAddress, String advertisedHost) {

	/** The address the local platform listens on, unless told otherwise. */
	public static final String HOST = "127.0.0.1";

	static final String USAGE = """
			Usage: java -jar infra.jar [options]
			  --data-dir DIR                data directory  (env PLATFORM_DATA_DIR, default .platform/data)
			  --kafka-port PORT             Kafka clients   (env KAFKA_PORT, default 9092)
			  --kafka-controller-port PORT  KRaft controller (env KAFKA_CONTROLLER_PORT, default 9093)
			  --mongo-port PORT             MongoDB wire    (env MONGO_PORT, default 27017)
			  --without-kafka               start no Kafka broker (the services use another one)
			  --without-mongodb             start no MongoDB server (the services use another one)
			  --bind-address ADDR           address to listen on (env INFRA_BIND_ADDRESS, default 127.0.0.1;
			                                0.0.0.0 in a container)
			  --advertised-host HOST        host Kafka clients are told to connect to (env KAFKA_ADVERTISED_HOST,
			                                default the bind address, 127.0.0.1 when binding 0.0.0.0)
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
		if (bindAddress.isBlank()) {
			throw new IllegalArgumentException("--bind-address is empty");
		}
		if (advertisedHost.isBlank() || isWildcard(advertisedHost)) {
			throw new IllegalArgumentException(
					"--advertised-host must be an address clients can connect to, not '" + advertisedHost + "'");
		}
	}

	/**
	 * Settings that start the servers the flags ask for, on 127.0.0.1.
	 * @param dataDir directory holding the Kafka log directory and the MongoDB H2 file
	 * @param kafkaPort port of the Kafka client listener
	 * @param controllerPort port of the KRaft controller listener
	 * @param mongoPort port of the MongoDB wire-protocol server
	 * @param kafka whether to start Kafka
	 * @param mongodb whether to start MongoDB
	 */
	public InfrastructureSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, boolean kafka,
			boolean mongodb) {
		this(dataDir, kafkaPort, controllerPort, mongoPort, kafka, mongodb, HOST, HOST);
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
		values.put("bind-address", env.getOrDefault("INFRA_BIND_ADDRESS", HOST));
		values.put("advertised-host", env.getOrDefault("KAFKA_ADVERTISED_HOST", ""));
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
		String bindAddress = values.get("bind-address").trim();
		String advertisedHost = values.get("advertised-host").trim();
		if (advertisedHost.isEmpty()) {
			advertisedHost = isWildcard(bindAddress) ? HOST : bindAddress;
		}
		return new InfrastructureSettings(Path.of(values.get("data-dir")), port(values, "kafka-port"),
				port(values, "kafka-controller-port"), port(values, "mongo-port"), kafka, mongodb, bindAddress,
				advertisedHost);
	}

	private static boolean isWildcard(String address) {
		return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
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

	/** The Kafka bootstrap address clients use, on the advertised host. */
	public String kafkaBootstrapServers() {
		return this.advertisedHost + ":" + this.kafkaPort;
	}

	/** A MongoDB connection string without a database, for a client on this machine. */
	public String mongoUri() {
		return "mongodb://" + localAddress() + ":" + this.mongoPort;
	}

	/**
	 * The address a client in this process or on this machine connects to: the bind
	 * address, or 127.0.0.1 when listening on every interface. Kafka's controller is
	 * reached there too.
	 */
	String localAddress() {
		return isWildcard(this.bindAddress) ? HOST : this.bindAddress;
	}

	Path kafkaLogDir() {
		return this.dataDir.resolve("kafka");
	}

	Path mongoFile() {
		return this.dataDir.resolve("mongodb").resolve("mongodb.mv.db");
	}

}
