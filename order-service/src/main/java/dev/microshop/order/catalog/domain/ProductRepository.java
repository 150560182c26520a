package dev.microshop.order.catalog.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the catalog is kept.
 */
public interface ProductRepository {

	/**
	 * Returns every product, by name.
	 */
	List<Product> findAll();

	Optional<Product> findById(String id);

	/**
	 * Returns the products among the given ids that exist.
	 */
	List<Product> findAllById(Collection<String> ids);

	/**
	 * Stores the product unless one with its id already exists, atomically: concurrent
	 * callers never create two, and an existing product is left as it is.
	 * @return whether the product was added
	 */
	boolean addIfMissing(Product product);

}
