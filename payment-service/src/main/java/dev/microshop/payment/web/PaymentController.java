package dev.microshop.payment.web;

import java.util.List;

import dev.microshop.common.web.Caller;
import dev.microshop.payment.application.PaymentQueries;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentQueries queries;

	PaymentController(PaymentQueries queries) {
		this.queries = queries;
	}

	@GetMapping
	List<PaymentResponse> list(Caller caller, @RequestParam(required = false) String orderId) {
		return this.queries.forUser(caller.userId(), orderId).stream().map(PaymentResponse::from).toList();
	}

}
