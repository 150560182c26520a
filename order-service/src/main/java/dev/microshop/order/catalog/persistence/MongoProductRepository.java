package dev.microshop.order.catalog.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.microshop.order.catalog.domain.Product;
import dev.microshop.order.catalog.domain.ProductRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoProductRepository implements ProductRepository {

	private static final Sort BY_NAME = Sort.by("name", "_id");

	private final MongoOperations mongo;

	MongoProductRepository(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public List<Product> findAll() {
		return this.mongo.find(new Query().with(BY_NAME), ProductDocument.class)
			.stream()
			.map(ProductDocument::toProduct)
			.toList();
	}

	@Override
	public Optional<Product> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, ProductDocument.class)).map(ProductDocument::toProduct);
	}

	@Override
	public List<Product> findAllById(Collection<String> ids) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), ProductDocument.class)
			.stream()
			.map(ProductDocument::toProduct)
			.toList();
	}

	@Override
	public boolean addIfMissing(Product product) {
		// One upsert on the id that only sets fields on insert: atomic in MongoDB, so
		// concurrent seeders never duplicate a product nor overwrite a changed one.
		Update insertOnly = new Update().setOnInsert("name", product.name())
			.setOnInsert("priceMinor", product.price().minorUnits())
			.setOnInsert("currency", product.price().currency());
		try {
			return this.mongo
				.upsert(Query.query(Criteria.where("_id").is(product.id())), insertOnly, ProductDocument.class)
				.getUpsertedId() != null;
		}
		catch (DuplicateKeyException ex) {
			// Two upserts raced and the other one inserted it.
			return false;
		}
	}

}
