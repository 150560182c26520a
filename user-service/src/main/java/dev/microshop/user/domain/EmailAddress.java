package dev.microshop.user.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * An e-mail address in the one form it is stored, compared and looked up in: trimmed and
 * lower-cased, so that {@code Alice@Example.com} and {@code alice@example.com} are the
 * same account.
 * <p>
 * Lower-casing the local part is stricter than RFC 5321 allows, but it is what users
 * expect and what every large mail provider does.
 *
 * @param value the normalized address
 */
public record EmailAddress(String value) {

	public EmailAddress {
		Objects.requireNonNull(value, "value");
		// Locale.ROOT: under a Turkish default locale "I" would become a dotless "ı".
		value = value.strip().toLowerCase(Locale.ROOT);
		if (value.isEmpty()) {
			throw new IllegalArgumentException("An e-mail address cannot be blank");
		}
	}

	public static EmailAddress of(String value) {
		return new EmailAddress(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
