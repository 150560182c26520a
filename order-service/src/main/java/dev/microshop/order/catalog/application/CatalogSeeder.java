package dev.microshop.order.catalog.application;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.common.money.Money;
import dev.microshop.order.catalog.domain.Product;
import dev.microshop.order.catalog.domain.ProductRepository;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stocks the starter catalog when the service starts, before it reports ready.
 * <p>
 * Products have stable ids and are only added when missing, so restarts and replicas
 * starting together never duplicate them, and a product changed since is not reset.
 */
@Component
public class CatalogSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(CatalogSeeder.class);

	static final List<Product> STARTER_PRODUCTS = List.of(
			new Product("coffee-beans", "Coffee beans, 250 g", Money.of("12.90", "EUR")),
			new Product("ceramic-mug", "Ceramic mug", Money.of("4.50", "EUR")),
			new Product("milk-frother", "Milk frother", Money.of("29.00", "EUR")),
			new Product("coffee-grinder", "Burr coffee grinder", Money.of("79.00", "EUR")),
			new Product("mechanical-keyboard", "Mechanical keyboard", Money.of("250.00", "EUR")),
			new Product("espresso-machine", "Espresso machine", Money.of("349.00", "EUR")));

	private final ProductRepository products;

	CatalogSeeder(ProductRepository products) {
		this.products = products;
	}

	@Override
	public void run(ApplicationArguments args) {
		seed();
	}

	/**
	 * Adds the starter products that are missing.
	 * @return how many were added
	 */
	public int seed() {
		int added = (int) STARTER_PRODUCTS.stream().filter(this.products::addIfMissing).count();
		logger.info("Catalog seeded: {} of {} starter products added", added, STARTER_PRODUCTS.size());
		return added;
	}

}
