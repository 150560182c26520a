package dev.microshop.user.application;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LogInTests {

	private final CountingPasswordEncoder encoder = new CountingPasswordEncoder();

	private final Passwords passwords = new Passwords(this.encoder);

	private final InMemoryUserRepository users = new InMemoryUserRepository();

	private final JwtProperties properties = new JwtProperties("microshop", "microshop-api", Duration.ofMinutes(15),
			null);

	private final LogIn logIn = new LogIn(this.users, this.passwords,
			new TokenIssuer(this.properties, new SigningKeys(this.properties, new InMemorySigningKeyRepository())));

	private final RegisterUser registerUser = new RegisterUser(this.users, this.passwords);

	@Test
	void theRightPasswordGetsAToken() {
		this.registerUser.register("ada@example.com", "correct horse", "Ada");
		AccessToken token = this.logIn.logIn("ada@example.com", "correct horse");
		assertThat(token.value()).contains(".");
		assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void theAddressMatchesInAnyLetterCase() {
		this.registerUser.register("Ada@Example.com", "correct horse", "Ada");
		assertThat(this.logIn.logIn("ADA@example.COM", "correct horse").value()).isNotBlank();
	}

	@Test
	void aWrongPasswordIsRefused() {
		this.registerUser.register("ada@example.com", "correct horse", "Ada");
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logIn.logIn("ada@example.com", "wrong horse"));
	}

	@Test
	void aPasswordThatOnlyStartsLikeTheRightOneIsRefused() {
		String password = "p".repeat(Passwords.MAX_BYTES);
		this.registerUser.register("ada@example.com", password, "Ada");
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logIn.logIn("ada@example.com", password + "and more"));
	}

	@Test
	void anUnknownAddressCostsAPasswordCheckLikeAWrongPassword() {
		this.registerUser.register("ada@example.com", "correct horse", "Ada");

		this.encoder.matches.set(0);
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logIn.logIn("ada@example.com", "wrong horse"));
		int forWrongPassword = this.encoder.matches.getAndSet(0);
		InvalidCredentialsException unknown = catchThrowableOfType(InvalidCredentialsException.class,
				() -> this.logIn.logIn("nobody@example.com", "x"));

		assertThat(this.encoder.matches.get()).isEqualTo(forWrongPassword).isEqualTo(1);
		assertThat(unknown).hasMessage(new InvalidCredentialsException().getMessage());
	}

	/**
	 * The real encoder, counting its (slow) checks.
	 */
	static class CountingPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		final AtomicInteger matches = new AtomicInteger();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.matches.incrementAndGet();
			return this.delegate.matches(rawPassword, encodedPassword);
		}

	}

}
