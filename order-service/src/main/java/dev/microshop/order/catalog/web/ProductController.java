package dev.microshop.order.catalog.web;

import java.util.List;

import dev.microshop.order.catalog.application.ProductCatalog;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalog: browsing needs no identity, and the same answer is good for
 * everybody, so any cache may keep it for a short while ({@link CatalogProperties}).
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final ProductCatalog catalog;

	private final CacheControl cacheControl;

	ProductController(ProductCatalog catalog, CatalogProperties properties) {
		this.catalog = catalog;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic();
	}

	@GetMapping
	ResponseEntity<List<ProductResponse>> list() {
		return ResponseEntity.ok()
			.cacheControl(this.cacheControl)
			.body(this.catalog.all().stream().map(ProductResponse::from).toList());
	}

	@GetMapping("/{id}")
	ResponseEntity<ProductResponse> get(@PathVariable String id) {
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(ProductResponse.from(this.catalog.get(id)));
	}

}
