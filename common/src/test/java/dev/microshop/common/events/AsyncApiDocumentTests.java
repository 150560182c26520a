package dev.microshop.common.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published event documentation (docs/asyncapi.yaml) names every event on its topic,
 * so it cannot drift from the contracts.
 */
class AsyncApiDocumentTests {

	@Test
	@SuppressWarnings("unchecked")
	void documentsEveryEventOnItsTopic() throws IOException {
		Map<String, Object> document;
		try (Reader reader = Files.newBufferedReader(Path.of("..", "docs", "asyncapi.yaml"))) {
			document = new Yaml().load(reader);
		}
		Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
		Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
			.get("messages");
		for (EventType type : EventType.values()) {
			assertThat(messages).as("component message").containsKey(type.typeName());
			assertThat(channels.values()).as("channel of %s", type).anySatisfy((channel) -> {
				assertThat(channel.get("address")).isEqualTo(type.topic());
				assertThat((Map<String, Object>) channel.get("messages")).containsKey(type.typeName());
			});
		}
	}

}
