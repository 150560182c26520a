package dev.microshop.notification.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.microshop.notification.application.NotifyUsers.NotificationCreated;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent-event streams, per user: each new notification is pushed to its
 * user's streams, a comment opens each stream at once, and another every 15 s keeps idle
 * connections open through proxies.
 * <p>
 * Streams live in this instance's memory: with several replicas, a user connected to one
 * receives what that replica processed. One replica per consumer partition set, or a
 * broadcast topic, lifts that limit.
 */
@Component
class NotificationStream {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

	SseEmitter open(String userId) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Set<SseEmitter> mine = this.streams.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet());
		mine.add(emitter);
		Runnable close = () -> mine.remove(emitter);
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		// The response's headers leave only with its first bytes: without this comment, a
		// client (and the gateway's time limit) would wait for the first notification or
		// keep-alive, up to 15 s, to see the stream open.
		send(mine, emitter, SseEmitter.event().comment("open"));
		return emitter;
	}

	@EventListener
	void on(NotificationCreated created) {
		Set<SseEmitter> mine = this.streams.getOrDefault(created.notification().userId(), Set.of());
		NotificationResponse response = NotificationResponse.from(created.notification());
		for (SseEmitter emitter : mine) {
			send(mine, emitter, SseEmitter.event().name("notification").id(created.notification().id()).data(response));
		}
	}

	/**
	 * Ends every stream when the service shuts down, so that graceful shutdown does not
	 * wait for streams that never end by themselves.
	 */
	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		this.streams.values().forEach((mine) -> mine.forEach(SseEmitter::complete));
		this.streams.clear();
	}

	@Scheduled(fixedRate = 15_000)
	void keepAlive() {
		this.streams.values()
			.forEach(
					(mine) -> mine.forEach((emitter) -> send(mine, emitter, SseEmitter.event().comment("keep-alive"))));
	}

	private static void send(Set<SseEmitter> mine, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away: forget the stream.
			mine.remove(emitter);
		}
	}

}
