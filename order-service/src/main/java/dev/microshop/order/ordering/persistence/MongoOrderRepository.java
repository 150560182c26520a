package dev.microshop.order.ordering.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

@Repository
class MongoOrderRepository implements OrderRepository {

	// createdAt has millisecond precision; the id breaks ties in creation order.
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt", "_id");

	private final MongoOperations mongo;

	MongoOrderRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public String nextId() {
		// An ObjectId's hex form sorts in creation order within a process (time, then a
		// counter), which is what the newest-first tie-break needs.
		return ObjectId.get().toHexString();
	}

	@Override
	public Order save(Order order) {
		return this.mongo.save(OrderDocument.from(order)).toOrder();
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
