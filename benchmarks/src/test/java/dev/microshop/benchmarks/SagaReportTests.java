package dev.microshop.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SagaReportTests {

	@Test
	void latenciesUnderTenMillisecondsKeepOneDecimal() {
		assertThat(SagaReport.millis(4.25)).isEqualTo("4.3");
		assertThat(SagaReport.millis(1234.4)).isEqualTo("1,234");
		assertThat(SagaReport.millis(Double.NaN)).isEqualTo("–");
	}

	@Test
	void aFigureIsShownWithItsRatioToTheFloor() {
		assertThat(SagaReport.ratio(30, 12)).isEqualTo("30 (2.5×)");
		assertThat(SagaReport.ratio(30, Double.NaN)).isEqualTo("30");
	}

	@Test
	void documentsAreTotalledWithEachCollectionListed() {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("orders.orders", 100_000L);
		counts.put("orders.products", 6L);
		counts.put("users.users", 10_000L);
		assertThat(SagaReport.documents(counts))
			.isEqualTo("**110,006** (orders.orders 100,000, orders.products 6, users.users 10,000)");
	}

}
