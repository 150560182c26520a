package dev.microshop.common.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.Document;

import dev.microshop.common.events.Event;
import dev.microshop.common.events.EventCodec;
import dev.microshop.common.events.EventEnvelope;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one seam a repository needs to store an aggregate with the events its change
 * produced: both go in ONE single-document write (the events in the document's
 * {@code outbox} array), so that neither is ever stored without the other, with no
 * multi-document transaction. The {@link OutboxRelay} publishes them from there.
 * <p>
 * After the write, the events are handed to the relay as written, so that it publishes
 * them at once without reading the document again (eShop's {@code AddAndSaveEventAsync},
 * on single-document atomicity).
 */
public class Outbox {

	private final MongoOperations mongo;

	private final OutboxRelay relay;

	private final EventCodec codec;

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Creates the outbox; {@link Tracer#NOOP} and {@link Propagator#NOOP} when nothing is
	 * traced.
	 */
	public Outbox(MongoOperations mongo, OutboxRelay relay, EventCodec codec, Tracer tracer, Propagator propagator) {
		this.mongo = mongo;
		this.relay = relay;
		this.codec = codec;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Inserts a new aggregate document holding the given events.
	 * @param <T> the mapped document type
	 * @param events what happened, in order
	 * @param document the document to insert, given the messages to keep in its
	 * {@code outbox} field
	 * @return the document inserted
	 * @throws org.springframework.dao.DuplicateKeyException as the insert does, storing
	 * nothing
	 */
	public <T> T insert(List<? extends Event> events, Function<List<OutboxMessage>, T> document) {
		List<OutboxMessage> messages = messages(events);
		T inserted = this.mongo.insert(document.apply(messages));
		Object id = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(inserted.getClass())
			.getIdentifierAccessor(inserted)
			.getRequiredIdentifier();
		// A new document has no earlier events: these are all it holds.
		this.relay.publish(this.mongo.getCollectionName(inserted.getClass()), id, messages);
		return inserted;
	}

	/**
	 * Updates the first document of the given type that matches the query, appending the
	 * given events to its {@code outbox} in the same write.
	 * @param query which document, with the conditions of the change (such as the status
	 * it was read with)
	 * @param update the change
	 * @param events what happened, in order
	 * @param documentType the mapped document type
	 * @return {@code false}, changing nothing, if no document matched
	 */
	public boolean update(Query query, Update update, List<? extends Event> events, Class<?> documentType) {
		List<OutboxMessage> messages = messages(events);
		// As BSON already, as the mapping of the document type writes them, whatever the
		// type the update is mapped for.
		update.push(OutboxMessage.FIELD).each(messages.stream().map(OutboxMessage::toDocument).toArray());
		String collection = this.mongo.getCollectionName(documentType);
		Query returning = Query.of(query);
		returning.fields().include(OutboxMessage.FIELD);
		// The same one write returns what the document holds now, earlier events still
		// waiting included, so that the relay keeps their order without a read.
		Document updated = this.mongo.findAndModify(returning, update, FindAndModifyOptions.options().returnNew(true),
				Document.class, collection);
		if (updated == null) {
			return false;
		}
		this.relay.publish(collection, updated.get("_id"), OutboxMessage.listOf(updated));
		return true;
	}

	private List<OutboxMessage> messages(List<? extends Event> events) {
		Map<String, String> trace = new HashMap<>();
		TraceContext current = this.tracer.currentTraceContext().context();
		if (current != null) {
			this.propagator.inject(current, trace, Map::put);
		}
		return events.stream().map((event) -> OutboxMessage.of(EventEnvelope.of(event), this.codec, trace)).toList();
	}

}
