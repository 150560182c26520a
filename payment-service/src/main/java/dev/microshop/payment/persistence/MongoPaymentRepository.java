package dev.microshop.payment.persistence;

import java.util.List;

import dev.microshop.payment.domain.Payment;
import dev.microshop.payment.domain.PaymentRepository;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

@Repository
class MongoPaymentRepository implements PaymentRepository {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

	private final MongoOperations mongo;

	MongoPaymentRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public Payment save(Payment payment) {
		return this.mongo.save(PaymentDocument.from(payment)).toPayment();
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
