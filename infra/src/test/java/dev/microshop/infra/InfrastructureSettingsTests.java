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
	}

}
