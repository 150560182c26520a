package dev.microshop.deployment;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which variable names look like they hold a secret. A name ending in {@code _FILE} holds
 * the path of a file with the secret (Docker/Swarm secrets), which is the way secrets
 * should travel.
 */
final class SecretNames {

	private static final Pattern SECRET = Pattern
		.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE|CREDENTIAL|API_?KEY).*");

	private SecretNames() {
	}

	static boolean looksSecret(String name) {
		return SECRET.matcher(name.toUpperCase(Locale.ROOT)).matches();
	}

	/**
	 * Whether a variable of this name would carry a secret value itself.
	 * @param name the variable's name
	 * @return whether it looks secret and is not a {@code *_FILE} path
	 */
	static boolean carriesSecretValue(String name) {
		return looksSecret(name) && !name.toUpperCase(Locale.ROOT).endsWith("_FILE");
	}

}
