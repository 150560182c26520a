package dev.microshop.user.application;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords; the clear text is never stored or logged.
 */
@Component
public class Passwords {

	/**
	 * bcrypt reads at most 72 bytes of a password, and Spring Security refuses longer
	 * ones rather than ignore the rest, so this is the real upper limit (in UTF-8 bytes).
	 */
	public static final int MAX_BYTES = 72;

	private final PasswordEncoder encoder;

	// Checked against when no user has the e-mail address, so that an unknown address
	// costs as much time as a wrong password and the answer time does not tell them
	// apart.
	private final String dummyHash;

	Passwords(PasswordEncoder encoder) {
		this.encoder = encoder;
		this.dummyHash = encoder.encode(UUID.randomUUID().toString());
	}

	/**
	 * Whether a password is short enough to be hashed.
	 */
	public static boolean fits(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

	public String hash(String password) {
		if (!fits(password)) {
			throw new IllegalArgumentException("A password can have at most " + MAX_BYTES + " bytes");
		}
		return this.encoder.encode(password);
	}

	public boolean matches(String password, String hash) {
		// A longer password cannot be the one hashed, whatever bcrypt says of its first
		// 72 bytes.
		return this.encoder.matches(password, hash) && fits(password);
	}

	/**
	 * Spends the time of a password check without any user to check against.
	 */
	public void matchNone(String password) {
		this.encoder.matches(password, this.dummyHash);
	}

}
