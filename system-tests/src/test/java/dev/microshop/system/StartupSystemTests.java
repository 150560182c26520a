package dev.microshop.system;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./platform up} says the platform is ready only when it is: an order placed the
 * moment it returns is accepted, however the services' start-up went this time.
 * <p>
 * Each start races the services' discovery caches against each other (order-service's
 * load balancer may not have seen user-service yet), so one start proves little: ten in a
 * row, each followed at once by a new user's first order, sent once, without repeats.
 */
@ExtendWith(Platform.class)
class StartupSystemTests {

	private static final int STARTS = 10;

	private static final Gateway gateway = new Gateway();

	@Test
	void anOrderPlacedAsSoonAsUpReturnsIsAccepted() {
		String product = Shopper.cheapestProduct(gateway);
		List<String> answers = new ArrayList<>();
		for (int start = 1; start <= STARTS; start++) {
			Platform.down();
			Platform.up();
			Shopper shopper = Shopper.register(gateway, "early-" + start);
			Gateway.Response placed = shopper.place(product, 1);
			answers
				.add("start " + start + ": " + placed.status() + ((placed.status() == 201) ? "" : " " + placed.body()));
		}
		assertThat(answers).hasSize(STARTS).allSatisfy((answer) -> assertThat(answer).endsWith(": 201"));
	}

}
