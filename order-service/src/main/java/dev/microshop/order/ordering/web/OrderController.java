package dev.microshop.order.ordering.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.microshop.common.web.Caller;
import dev.microshop.order.ordering.application.OrderQueries;
import dev.microshop.order.ordering.application.PlaceOrder;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderRepository.Placement;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final int MAX_PAGE_SIZE = 100;

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final PlaceOrder placeOrder;

	private final OrderQueries queries;

	OrderController(PlaceOrder placeOrder, OrderQueries queries) {
		this.placeOrder = placeOrder;
		this.queries = queries;
	}

	/**
	 * Places an order: 201 with the new order, or, when the {@code Idempotency-Key} was
	 * used before by the same caller, 200 with the order that key placed.
	 */
	@PostMapping
	@ApiResponse(responseCode = "201", description = "The order placed, pending payment")
	@ApiResponse(responseCode = "200", description = "The order placed earlier with the same Idempotency-Key")
	ResponseEntity<OrderResponse> place(Caller caller, @Valid @RequestBody PlaceOrderRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String idempotencyKey) {
		Placement placement = this.placeOrder.place(caller.userId(), request.toItems(), idempotencyKey);
		Order order = placement.order();
		// Relative, so that it stays right behind the gateway.
		URI location = URI.create("/api/orders/" + order.id());
		return (placement.created() ? ResponseEntity.created(location) : ResponseEntity.ok().location(location))
			.body(OrderResponse.from(order));
	}

	@GetMapping
	List<OrderResponse> list(Caller caller, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return this.queries.forUser(caller.userId(), page, size).stream().map(OrderResponse::from).toList();
	}

	@GetMapping("/{id}")
	OrderResponse get(Caller caller, @PathVariable String id) {
		return OrderResponse.from(this.queries.get(caller.userId(), id));
	}

}
