package dev.microshop.common.kafka;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters} shows how many dead letters wait per topic;
 * {@code POST /actuator/deadletters/<topic>} replays them to that topic. Actuator is not
 * routed by the gateway: this is for operators on the service's own port.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

	private final DeadLetters deadLetters;

	public DeadLettersEndpoint(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@ReadOperation
	public Map<String, Long> pending() {
		return this.deadLetters.pending();
	}

	@WriteOperation
	public Map<String, Object> replay(@Selector String topic) {
		return Map.of("topic", topic, "replayed", this.deadLetters.replay(topic));
	}

}
