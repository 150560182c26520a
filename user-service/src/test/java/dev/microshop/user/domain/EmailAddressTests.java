package dev.microshop.user.domain;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressTests {

	@Test
	void isTrimmedAndLowerCased() {
		assertThat(EmailAddress.of("  Alice.Smith@Example.COM ").value()).isEqualTo("alice.smith@example.com");
	}

	@Test
	void differentLetterCaseIsTheSameAddress() {
		assertThat(EmailAddress.of("BOB@example.com")).isEqualTo(EmailAddress.of("bob@EXAMPLE.com"));
	}

	@Test
	void doesNotDependOnTheDefaultLocale() {
		Locale before = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			assertThat(EmailAddress.of("INFO@EXAMPLE.COM").value()).isEqualTo("info@example.com");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void cannotBeBlank() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of("   "));
	}

}
