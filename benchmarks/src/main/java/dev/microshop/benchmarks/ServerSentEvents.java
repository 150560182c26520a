package dev.microshop.benchmarks;

import java.util.function.Consumer;

/**
 * Reads a server-sent event stream line by line (the WHATWG format: {@code event:},
 * {@code data:} and {@code id:} fields, comments starting with a colon, a blank line
 * ending each event) and hands each complete event on.
 */
final class ServerSentEvents {

	/**
	 * One event.
	 *
	 * @param name its {@code event:} name, {@code message} when it has none
	 * @param id its {@code id:}, or {@code null}
	 * @param data its {@code data:} lines joined by newlines
	 */
	record Event(String name, String id, String data) {

	}

	private final Consumer<Event> handler;

	private String name;

	private String id;

	private StringBuilder data;

	ServerSentEvents(Consumer<Event> handler) {
		this.handler = handler;
	}

	void line(String line) {
		if (line.isEmpty()) {
			if (this.data != null) {
				this.handler
					.accept(new Event((this.name != null) ? this.name : "message", this.id, this.data.toString()));
			}
			this.name = null;
			this.id = null;
			this.data = null;
			return;
		}
		if (line.startsWith(":")) {
			return;
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.name = value;
			case "id" -> this.id = value;
			case "data" -> {
				if (this.data == null) {
					this.data = new StringBuilder(value);
				}
				else {
					this.data.append('\n').append(value);
				}
			}
			default -> {
				// retry: and unknown fields do not matter here.
			}
		}
	}

}
