package dev.microshop.common.money;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MoneyTests {

	@Test
	void scalesToTheCurrencyFractionDigits() {
		assertThat(Money.of("250", "EUR").amount()).isEqualTo(new BigDecimal("250.00"));
		assertThat(Money.of("250", "JPY").amount()).isEqualTo(new BigDecimal("250"));
	}

	@Test
	void refusesMorePrecisionThanTheCurrencyHas() {
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.of("1.005", "EUR"));
	}

	@Test
	void roundTripsThroughMinorUnits() {
		Money money = Money.of("1234.56", "EUR");
		assertThat(money.minorUnits()).isEqualTo(123456);
		assertThat(Money.ofMinor(123456, "EUR")).isEqualTo(money);
	}

	@Test
	void addsAndMultipliesExactly() {
		Money total = Money.of("0.10", "EUR").times(3).plus(Money.of("0.20", "EUR"));
		assertThat(total).isEqualTo(Money.of("0.50", "EUR"));
		assertThat(total.isGreaterThan(Money.of("0.49", "EUR"))).isTrue();
	}

	@Test
	void refusesToMixCurrencies() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")));
	}

	@Test
	void writesTheAmountAsAString() {
		String json = JsonMapper.builder().build().writeValueAsString(Money.of("250", "EUR"));
		assertThat(json).isEqualTo("{\"amount\":\"250.00\",\"currency\":\"EUR\"}");
	}

}
