package dev.microshop.order.ordering.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.microshop.common.web.Caller;
import dev.microshop.order.ordering.application.OrderQueries;
import dev.microshop.order.ordering.application.PlaceOrder;
import dev.microshop.order.ordering.domain.Order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final int MAX_PAGE_SIZE = 100;

	private final PlaceOrder placeOrder;

	private final OrderQueries queries;

	OrderController(PlaceOrder placeOrder, OrderQueries queries) {
		this.placeOrder = placeOrder;
		this.queries = queries;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<OrderResponse> place(Caller caller, @Valid @RequestBody PlaceOrderRequest request) {
		Order order = this.placeOrder.place(caller.userId(), request.toItems());
		// Relative, so that it stays right behind the gateway.
		return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(OrderResponse.from(order));
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
