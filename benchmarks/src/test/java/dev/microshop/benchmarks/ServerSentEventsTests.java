package dev.microshop.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventsTests {

	private final List<ServerSentEvents.Event> events = new ArrayList<>();

	private final ServerSentEvents parser = new ServerSentEvents(this.events::add);

	private void lines(String... lines) {
		for (String line : lines) {
			this.parser.line(line);
		}
	}

	@Test
	void anEventEndsAtABlankLine() {
		lines("event:notification", "id:e-1", "data:{\"type\":\"ORDER_CONFIRMED\"}");
		assertThat(this.events).isEmpty();
		lines("");
		assertThat(this.events)
			.containsExactly(new ServerSentEvents.Event("notification", "e-1", "{\"type\":\"ORDER_CONFIRMED\"}"));
	}

	@Test
	void commentsAsTheStreamSendsThemOnOpeningAndToKeepAliveAreNoEvents() {
		lines(":open", "", ":keep-alive", "");
		assertThat(this.events).isEmpty();
	}

	@Test
	void oneSpaceAfterTheColonIsNotPartOfTheValueAndDataLinesJoin() {
		lines("data: first", "data:  second", "");
		assertThat(this.events).containsExactly(new ServerSentEvents.Event("message", null, "first\n second"));
	}

	@Test
	void eachEventStartsAfresh() {
		lines("event:notification", "id:1", "data:a", "", "data:b", "");
		assertThat(this.events).containsExactly(new ServerSentEvents.Event("notification", "1", "a"),
				new ServerSentEvents.Event("message", null, "b"));
	}

}
