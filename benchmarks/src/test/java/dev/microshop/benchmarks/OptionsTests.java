package dev.microshop.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	@Test
	void ratesAreReadWithSpacesOrCommas() {
		Options options = new Options(new String[] { "--rates", "25 50,100", "--seconds", "5" });
		assertThat(options.numbers("rates", "")).containsExactly(25.0, 50.0, 100.0);
		assertThat(options.integer("seconds", 20)).isEqualTo(5);
		assertThat(options.integer("drain", 30)).isEqualTo(30);
		assertThat(options.numbers("warmup-rate", "12.5")).containsExactly(12.5);
	}

	@Test
	void anOptionWithoutItsValueIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Options(new String[] { "--rates" }));
		assertThatIllegalArgumentException().isThrownBy(() -> new Options(new String[] { "rates", "25" }));
	}

}
