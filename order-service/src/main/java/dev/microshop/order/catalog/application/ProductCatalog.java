package dev.microshop.order.catalog.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.microshop.common.error.NotFoundException;
import dev.microshop.order.catalog.domain.Product;
import dev.microshop.order.catalog.domain.ProductRepository;

import org.springframework.stereotype.Service;

/**
 * Reads the catalog: for buyers browsing it, and for orders taking their prices from it.
 */
@Service
public class ProductCatalog {

	private final ProductRepository products;

	public ProductCatalog(ProductRepository products) {
		this.products = products;
	}

	public List<Product> all() {
		return this.products.findAll();
	}

	/**
	 * Returns the products among the given ids that exist, by id.
	 */
	public Map<String, Product> byIds(Collection<String> ids) {
		return this.products.findAllById(ids).stream().collect(Collectors.toMap(Product::id, Function.identity()));
	}

	/**
	 * Returns the product.
	 * @throws NotFoundException if there is no such product
	 */
	public Product get(String id) {
		return this.products.findById(id).orElseThrow(() -> new NotFoundException("No product " + id));
	}

}
