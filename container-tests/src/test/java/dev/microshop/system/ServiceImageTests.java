package dev.microshop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service image on its own, started by Testcontainers as an orchestrator would: a
 * read-only root filesystem, no capabilities, its database address only in a secret file.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerImages.class)
class ServiceImageTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theImageRunsUnprivilegedOnAReadOnlyFilesystemAndReadsItsDatabaseFromASecretFile(@TempDir Path secrets)
			throws Exception {
		Path uri = Files.writeString(secrets.resolve("payments_db_uri"), "mongodb://mongo:27017/payments\n");
		Files.setPosixFilePermissions(uri, PosixFilePermissions.fromString("rw-r--r--"));
		try (Network network = Network.newNetwork();
				GenericContainer<?> mongo = mongo(network);
				GenericContainer<?> kafka = kafka(network);
				GenericContainer<?> payments = new GenericContainer<>(
						"microshop/payment-service:" + ContainerImages.TAG)
					.withNetwork(network)
					.withEnv(Map.of("MONGODB_URI_FILE", "/run/secrets/payments_db_uri", "EUREKA_CLIENT_ENABLED",
							"false", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))
					.withFileSystemBind(uri.toString(), "/run/secrets/payments_db_uri", BindMode.READ_ONLY)
					.withCreateContainerCmdModifier((command) -> command.getHostConfig()
						.withReadonlyRootfs(true)
						.withTmpFs(Map.of("/tmp", "rw"))
						.withCapDrop(com.github.dockerjava.api.model.Capability.ALL))
					.withExposedPorts(8083)
					// The image's own HEALTHCHECK: its readiness probe.
					.waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(4)))) {
			mongo.start();
			kafka.start();
			payments.start();

			assertThat(payments.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
			assertThat(payments.execInContainer("touch", "/application/written").getStderr())
				.contains("Read-only file system");
			String base = "http://" + payments.getHost() + ":" + payments.getMappedPort(8083);
			HttpResponse<String> readiness = get(base + "/actuator/health/readiness", Map.of());
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"status\":\"UP\"");
			// The database named only in the secret file answers: no payments, no error.
			HttpResponse<String> found = get(base + "/api/payments?orderId=none",
					Map.of("X-User-Id", "u-1", "X-User-Roles", "USER"));
			assertThat(found.statusCode()).isEqualTo(200);
			assertThat(found.body()).isEqualTo("[]");
		}
	}

	private static GenericContainer<?> mongo(Network network) {
		GenericContainer<?> mongo = Docker.STANDINS
				? new GenericContainer<>("microshop-standin/infra:" + ContainerImages.TAG)
					.withCommand("--without-kafka", "--data-dir", "/data/db")
				: new GenericContainer<>("mongo:8.0");
		return mongo.withNetwork(network).withNetworkAliases("mongo").withExposedPorts(27017);
	}

	/**
	 * The broker: the service refuses to start with a bootstrap address it cannot
	 * resolve.
	 */
	private static GenericContainer<?> kafka(Network network) {
		GenericContainer<?> kafka = Docker.STANDINS
				? new GenericContainer<>("microshop-standin/infra:" + ContainerImages.TAG)
					.withCommand("--without-mongodb", "--data-dir", "/var/lib/kafka/data", "--advertised-host", "kafka")
				: new GenericContainer<>("apache/kafka:4.1.2").withEnv(Map.of("KAFKA_NODE_ID", "1",
						"KAFKA_PROCESS_ROLES", "broker,controller", "KAFKA_LISTENERS",
						"PLAINTEXT://:9092,CONTROLLER://:9093", "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092",
						"KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER", "KAFKA_CONTROLLER_QUORUM_VOTERS",
						"1@localhost:9093", "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
						"CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"));
		return kafka.withNetwork(network).withNetworkAliases("kafka").withExposedPorts(9092);
	}

	private HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
