package dev.microshop.user.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.EmailAlreadyRegisteredException;
import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;
import dev.microshop.user.domain.UserRepository;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure, at every start, that the administrator named by {@code microshop.admin.*}
 * ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}) exists with the {@code ADMIN} role and
 * the configured password.
 */
@Component
public class AdminAccount implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AdminAccount.class);

	private final AdminProperties properties;

	private final UserRepository users;

	private final Passwords passwords;

	AdminAccount(AdminProperties properties, UserRepository users, Passwords passwords) {
		this.properties = properties;
		this.users = users;
		this.passwords = passwords;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.isRequested()) {
			return;
		}
		if (!StringUtils.hasText(this.properties.email()) || !StringUtils.hasText(this.properties.password())) {
			throw new IllegalStateException("Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither");
		}
		User admin = ensure(EmailAddress.of(this.properties.email()), this.properties.password());
		logger.info("Administrator {} is ready", admin.email());
	}

	/**
	 * Creates the administrator, or gives an existing user with that address the
	 * {@code ADMIN} role and this password. Safe to run again and from several replicas
	 * at once.
	 */
	public User ensure(EmailAddress email, String password) {
		if (password.length() < 8 || !Passwords.fits(password)) {
			throw new IllegalStateException(
					"The administrator password must have 8 characters to " + Passwords.MAX_BYTES + " bytes");
		}
		Optional<User> existing = this.users.findByEmail(email);
		if (existing.isEmpty()) {
			try {
				User admin = new User(UUID.randomUUID().toString(), email, "Administrator",
						this.passwords.hash(password), EnumSet.of(Role.USER, Role.ADMIN), Instant.now());
				return this.users.insert(admin, List.of(admin.registration()));
			}
			catch (EmailAlreadyRegisteredException ex) {
				// Another replica created it a moment ago.
				existing = this.users.findByEmail(email);
			}
		}
		return promote(existing.orElseThrow(), password);
	}

	private User promote(User user, String password) {
		Set<Role> roles = EnumSet.copyOf(user.roles());
		roles.addAll(EnumSet.of(Role.USER, Role.ADMIN));
		User promoted = user.withRoles(roles);
		if (!this.passwords.matches(password, user.passwordHash())) {
			promoted = promoted.withPasswordHash(this.passwords.hash(password));
		}
		return promoted.equals(user) ? user : this.users.update(promoted);
	}

}
