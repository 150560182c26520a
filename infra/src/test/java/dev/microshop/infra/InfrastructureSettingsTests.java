package dev.microshop.infra;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InfrastructureSettingsTests {

	@Test
	void defaultsMatchThePlatformPorts() {
		InfrastructureSettings settings = InfrastructureSettings.parse(new String[0], Map.of());

		assertThat(settings.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(settings.controllerPort()).isEqualTo(9093);
		assertThat(settings.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
		assertThat(settings.dataDir()).isEqualTo(Path.of(".platform/data").toAbsolutePath());
		assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(KafkaBroker.properties(settings))
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
			.containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9093");
	}

	@Test
	void inAContainerKafkaListensEverywhereAndAdvertisesTheServiceName() {
		InfrastructureSettings settings = InfrastructureSettings.parse(
				new String[] { "--bind-address", "0.0.0.0", "--advertised-host", "kafka", "--without-mongodb" },
				Map.of());

		assertThat(settings.kafkaBootstrapServers()).isEqualTo("kafka:9092");
		assertThat(KafkaBroker.properties(settings))
			.containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
			.containsEntry("advertised.listeners", "PLAINTEXT://kafka:9092")
			.as("the broker reaches its own controller on a connectable address")
			.containsEntry("controller.quorum.voters", "1@127.0.0.1:9093");
	}

	@Test
	void theAdvertisedHostFollowsTheBindAddressUnlessItIsTheWildcard() {
		assertThat(InfrastructureSettings.parse(new String[0], Map.of("INFRA_BIND_ADDRESS", "0.0.0.0")))
			.satisfies((settings) -> assertThat(settings.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092"))
			.satisfies((settings) -> assertThat(settings.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017"));
		assertThat(InfrastructureSettings.parse(new String[0], Map.of("INFRA_BIND_ADDRESS", "10.0.0.5"))
			.kafkaBootstrapServers()).isEqualTo("10.0.0.5:9092");
		assertThat(InfrastructureSettings
			.parse(new String[0], Map.of("INFRA_BIND_ADDRESS", "0.0.0.0", "KAFKA_ADVERTISED_HOST", "kafka"))
			.kafkaBootstrapServers()).isEqualTo("kafka:9092");
	}

	@Test
	void optionsWinOverTheEnvironment() {
		InfrastructureSettings settings = InfrastructureSettings.parse(
				new String[] { "--kafka-port=19092", "--data-dir", "/tmp/shop" },
				Map.of("KAFKA_PORT", "29092", "MONGO_PORT", "37017", "PLATFORM_DATA_DIR", "/tmp/other"));

		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.mongoPort()).isEqualTo(37017);
		assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/shop"));
	}

	@Test
	void eitherServerCanBeLeftToAnExternalOne() {
		InfrastructureSettings settings = InfrastructureSettings.parse(new String[] { "--without-kafka" }, Map.of());

		assertThat(settings.kafka()).isFalse();
		assertThat(settings.mongodb()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(
				() -> InfrastructureSettings.parse(new String[] { "--without-kafka", "--without-mongodb" }, Map.of()))
			.withMessageStartingWith("Nothing to start");
	}

	@Test
	void mistakesAreNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InfrastructureSettings.parse(new String[] { "--mongo-port", "mongo" }, Map.of()))
			.withMessage("--mongo-port is not a port: mongo");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InfrastructureSettings.parse(new String[] { "--kafka" }, Map.of()))
			.withMessage("Option --kafka needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InfrastructureSettings.parse(new String[] { "--kafka=1" }, Map.of()))
			.withMessage("Unknown option: --kafka");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InfrastructureSettings.parse(new String[0], Map.of("MONGO_PORT", "9092")))
			.withMessageContaining("three different ports");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InfrastructureSettings.parse(new String[] { "--advertised-host", "0.0.0.0" }, Map.of()))
			.withMessage("--advertised-host must be an address clients can connect to, not '0.0.0.0'");
	}

}
