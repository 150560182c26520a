package dev.microshop.order.catalog.web;

import java.util.List;

import dev.microshop.order.catalog.application.ProductCatalog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalog: browsing needs no identity.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	List<ProductResponse> list() {
		return this.catalog.all().stream().map(ProductResponse::from).toList();
	}

	@GetMapping("/{id}")
	ProductResponse get(@PathVariable String id) {
		return ProductResponse.from(this.catalog.get(id));
	}

}
