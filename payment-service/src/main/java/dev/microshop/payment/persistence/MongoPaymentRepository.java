package dev.microshop.payment.persistence;

import java.util.List;

import dev.microshop.common.events.Event;
import dev.microshop.common.outbox.Outbox;
import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

@Repository
class MongoPaymentRepository implements PaymentRepository {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

	private final MongoOperations mongo;

	private final Outbox outbox;

	MongoPaymentRepository(MongoOperations mongo, Outbox outbox) {
		this.mongo = mongo;
		this.outbox = outbox;
	}

	@Override
	public boolean add(Payment payment, List<? extends Event> events) {
		try {
			this.outbox.insert(events, (messages) -> PaymentDocument.from(payment, messages));
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		return true;
	}

	@Override
	public List<Payment> findByUser(String userId) {
		return find(Criteria.where("userId").is(userId));
	}

	@Override
	public List<Payment> findByUserAndOrder(String userId, String orderId) {
		return find(Criteria.where("userId").is(userId).and("orderId").is(orderId));
	}

	private List<Payment> find(Criteria criteria) {
		return this.mongo.find(Query.query(criteria).with(NEWEST_FIRST), PaymentDocument.class)
			.stream()
			.map(PaymentDocument::toPayment)
			.toList();
	}

}
