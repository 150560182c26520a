package dev.microshop.order.ordering.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.order.catalog.application.ProductCatalog;
import dev.microshop.order.catalog.domain.Product;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderLine;
import dev.microshop.order.ordering.domain.OrderRepository;
import dev.microshop.order.ordering.domain.OrderRepository.Placement;
import dev.microshop.order.ordering.domain.UnknownUserException;
import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Places an order for a user, at catalog prices.
 */
@Service
public class PlaceOrder {

	private static final Logger logger = LoggerFactory.getLogger(PlaceOrder.class);

	private final ProductCatalog catalog;

	private final UserDirectory users;

	private final OrderRepository orders;

	private final OrderMetrics metrics;

	public PlaceOrder(ProductCatalog catalog, UserDirectory users, OrderRepository orders, OrderMetrics metrics) {
		this.catalog = catalog;
		this.users = users;
		this.orders = orders;
		this.metrics = metrics;
	}

	/**
	 * Prices the items from the catalog, checks the order's rules, then checks that the
	 * user exists, and only then stores the order. The cheap local checks run first so
	 * that an invalid request never costs a remote call.
	 * @param userId the buyer
	 * @param items the products and quantities asked for; lines of the same product are
	 * merged
	 * @param idempotencyKey the client's key for this placement, or {@code null}: with a
	 * key used before by the same user, that earlier order is returned and nothing new is
	 * stored
	 * @return the order placed, pending payment, or the earlier one
	 * @throws InvalidRequestException for an unknown product or a broken order rule
	 * @throws UnknownUserException if the user does not exist
	 * @throws UserDirectoryUnavailableException if that cannot be told now
	 */
	public Placement place(String userId, List<Item> items, String idempotencyKey) {
		Map<String, Product> products = this.catalog.byIds(items.stream().map(Item::productId).toList());
		List<OrderLine> lines = items.stream().map((item) -> line(item, products)).toList();
		// Mongo keeps milliseconds: truncating here makes the order answered now equal
		// the
		// one read back later.
		Order order = Order.place(this.orders.nextId(), userId, lines, Instant.now().truncatedTo(ChronoUnit.MILLIS));
		if (!this.users.exists(userId)) {
			throw new UnknownUserException(userId);
		}
		Placement placement = this.orders.add(order, List.of(order.placed()), idempotencyKey);
		if (placement.created()) {
			this.metrics.placed();
			logger.info("Order {} placed by user {}: {} line(s), total {} {}", order.id(), userId, order.lines().size(),
					order.total().amount(), order.total().currency());
		}
		return placement;
	}

	private static OrderLine line(Item item, Map<String, Product> products) {
		Product product = products.get(item.productId());
		if (product == null) {
			throw new InvalidRequestException("Unknown product " + item.productId());
		}
		return new OrderLine(product.id(), product.name(), product.price(), item.quantity());
	}

	/**
	 * A product and quantity asked for.
	 *
	 * @param productId the product
	 * @param quantity how many
	 */
	public record Item(String productId, int quantity) {

	}

}
