package dev.microshop.payment.persistence;

import java.util.List;

import dev.microshop.common.outbox.OutboxMessage;
import dev.microshop.common.outbox.OutboxRelay;
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

	private final OutboxRelay outbox;

	MongoPaymentRepository(MongoOperations mongo, OutboxRelay outbox) {
		this.mongo = mongo;
		this.outbox = outbox;
	}

	@Override
	public boolean add(Payment payment) {
		OutboxMessage event = this.outbox.message(payment.outcome());
		try {
			this.mongo.insert(PaymentDocument.from(payment, List.of(event)));
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		this.outbox.wakeUp(PaymentDocument.class, payment.id());
		return true;
	}

	@Override
	public boolean existsForOrder(String orderId) {
		return this.mongo.exists(Query.query(Criteria.where("orderId").is(orderId)), PaymentDocument.class);
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
