package dev.microshop.order.ordering.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import dev.microshop.common.events.Event;
import dev.microshop.common.outbox.Outbox;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoOrderRepository implements OrderRepository {

	// createdAt has millisecond precision; the id breaks ties in creation order.
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt", "_id");

	private final MongoOperations mongo;

	private final Outbox outbox;

	MongoOrderRepository(MongoOperations mongo, Outbox outbox) {
		this.mongo = mongo;
		this.outbox = outbox;
	}

	@Override
	public String nextId() {
		// An ObjectId's hex form sorts in creation order within a process (time, then a
		// counter), which is what the newest-first tie-break needs.
		return ObjectId.get().toHexString();
	}

	@Override
	public Placement add(Order order, List<? extends Event> events, String idempotencyKey) {
		String scopedKey = (idempotencyKey != null) ? order.userId() + ":" + idempotencyKey : null;
		try {
			this.outbox.insert(events, (messages) -> OrderDocument.from(order, scopedKey, messages));
		}
		catch (DuplicateKeyException ex) {
			// Ids are fresh ObjectIds: only the idempotency key can clash.
			OrderDocument earlier = this.mongo.findOne(Query.query(Criteria.where("idempotencyKey").is(scopedKey)),
					OrderDocument.class);
			if (earlier == null) {
				throw ex;
			}
			return new Placement(earlier.toOrder(), false);
		}
		return new Placement(order, true);
	}

	@Override
	public boolean transition(Order from, Order to, Event event) {
		Query unchanged = Query.query(Criteria.where("_id").is(from.id()).and("status").is(from.status()));
		return this.outbox.update(unchanged, Update.update("status", to.status()), List.of(event), OrderDocument.class);
	}

	@Override
	public Optional<Order> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, OrderDocument.class)).map(OrderDocument::toOrder);
	}

	@Override
	public Optional<Order> findByIdAndUser(String id, String userId) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("userId").is(userId)),
					OrderDocument.class))
			.map(OrderDocument::toOrder);
	}

	@Override
	public List<Order> findByUser(String userId, int page, int size) {
		Query query = Query.query(Criteria.where("userId").is(userId))
			.with(NEWEST_FIRST)
			.skip((long) page * size)
			.limit(size);
		return this.mongo.find(query, OrderDocument.class).stream().map(OrderDocument::toOrder).toList();
	}

}
