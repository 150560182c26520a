package dev.microshop.order.ordering.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.microshop.common.events.Event;
import dev.microshop.common.error.InvalidRequestException;
import dev.microshop.common.money.Money;
import dev.microshop.order.catalog.application.ProductCatalog;
import dev.microshop.order.catalog.domain.Product;
import dev.microshop.order.catalog.domain.ProductRepository;
import dev.microshop.order.ordering.application.PlaceOrder.Item;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository;
import dev.microshop.order.ordering.domain.OrderStatus;
import dev.microshop.order.ordering.domain.UnknownUserException;
import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaceOrderTests {

	private final Map<String, Product> catalog = Map.of("coffee-beans",
			new Product("coffee-beans", "Coffee beans", Money.of("12.90", "EUR")), "mechanical-keyboard",
			new Product("mechanical-keyboard", "Mechanical keyboard", Money.of("250.00", "EUR")));

	private final List<Order> saved = new ArrayList<>();

	private final AtomicInteger directoryCalls = new AtomicInteger();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void placesAPendingOrderAtCatalogPrices() {
		Order order = placeOrder((userId) -> true)
			.place("alice", List.of(new Item("coffee-beans", 2), new Item("mechanical-keyboard", 1)), null)
			.order();

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.userId()).isEqualTo("alice");
		assertThat(order.lines().get(0).name()).isEqualTo("Coffee beans");
		assertThat(order.total()).isEqualTo(Money.of("275.80", "EUR"));
		assertThat(this.saved).containsExactly(order);
		assertThat(this.meters.get("microshop.orders.placed").counter().count()).isOne();
	}

	@Test
	void anUnknownProductIsRejectedBeforeAskingForTheUser() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> placeOrder((userId) -> true).place("alice",
					List.of(new Item("coffee-beans", 1), new Item("flying-car", 1)), null))
			.withMessageContaining("flying-car");
		assertThat(this.directoryCalls).hasValue(0);
		assertThat(this.saved).isEmpty();
		assertThat(this.meters.get("microshop.orders.placed").counter().count()).isZero();
	}

	@Test
	void anUnknownUserPlacesNothing() {
		assertThatExceptionOfType(UnknownUserException.class)
			.isThrownBy(() -> placeOrder((userId) -> false).place("ghost", List.of(new Item("coffee-beans", 1)), null));
		assertThat(this.saved).isEmpty();
	}

	@Test
	void nothingIsPlacedWhenTheUserCannotBeChecked() {
		UserDirectory down = (userId) -> {
			throw new UserDirectoryUnavailableException("down", null);
		};
		assertThatExceptionOfType(UserDirectoryUnavailableException.class)
			.isThrownBy(() -> placeOrder(down).place("alice", List.of(new Item("coffee-beans", 1)), null));
		assertThat(this.saved).isEmpty();
	}

	private PlaceOrder placeOrder(UserDirectory users) {
		UserDirectory counted = (userId) -> {
			this.directoryCalls.incrementAndGet();
			return users.exists(userId);
		};
		return new PlaceOrder(new ProductCatalog(new MapProductRepository(this.catalog)), counted,
				new ListOrderRepository(this.saved), new OrderMetrics(this.meters));
	}

	private record MapProductRepository(Map<String, Product> products) implements ProductRepository {

		@Override
		public List<Product> findAll() {
			return List.copyOf(this.products.values());
		}

		@Override
		public Optional<Product> findById(String id) {
			return Optional.ofNullable(this.products.get(id));
		}

		@Override
		public List<Product> findAllById(Collection<String> ids) {
			return ids.stream().distinct().map(this.products::get).filter((product) -> product != null).toList();
		}

		@Override
		public boolean addIfMissing(Product product) {
			throw new UnsupportedOperationException();
		}

	}

	private record ListOrderRepository(List<Order> orders) implements OrderRepository {

		@Override
		public String nextId() {
			return "order-" + (this.orders.size() + 1);
		}

		@Override
		public Placement add(Order order, List<? extends Event> events, String idempotencyKey) {
			this.orders.add(order);
			return new Placement(order, true);
		}

		@Override
		public boolean transition(Order from, Order to, Event event) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<Order> findById(String id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<Order> findByIdAndUser(String id, String userId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<Order> findByUser(String userId, int page, int size) {
			throw new UnsupportedOperationException();
		}

	}

}
