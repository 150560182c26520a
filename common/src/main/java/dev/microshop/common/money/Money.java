package dev.microshop.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount of money in one currency, never a floating-point number.
 * <p>
 * The amount always has the currency's number of fraction digits (two for EUR), and is
 * written in JSON as a string ({@code {"amount": "250.00", "currency": "EUR"}}) so that
 * no client parses it into a double.
 *
 * @param amount the amount, scaled to the currency's fraction digits
 * @param currency the ISO 4217 currency code
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

	public Money {
		Objects.requireNonNull(amount, "amount");
		int digits = Currency.getInstance(Objects.requireNonNull(currency, "currency")).getDefaultFractionDigits();
		amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

	/**
	 * Creates money from an amount in minor units (cents for EUR), the exact form to
	 * store.
	 */
	public static Money ofMinor(long minorUnits, String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		return new Money(BigDecimal.valueOf(minorUnits, digits), currency);
	}

	public static Money zero(String currency) {
		return ofMinor(0, currency);
	}

	/**
	 * Returns the amount in minor units (cents for EUR).
	 */
	public long minorUnits() {
		return this.amount.unscaledValue().longValueExact();
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(this.amount.add(other.amount), this.currency);
	}

	public Money times(int quantity) {
		return new Money(this.amount.multiply(BigDecimal.valueOf(quantity)), this.currency);
	}

	public boolean isGreaterThan(Money other) {
		requireSameCurrency(other);
		return this.amount.compareTo(other.amount) > 0;
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot combine " + this.currency + " and " + other.currency);
		}
	}

}
