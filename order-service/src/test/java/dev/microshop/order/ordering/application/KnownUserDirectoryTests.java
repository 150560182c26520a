package dev.microshop.order.ordering.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.microshop.common.events.UserRegistered;
import dev.microshop.order.ordering.domain.KnownUsers;
import dev.microshop.order.ordering.domain.UserDirectory;
import dev.microshop.order.ordering.domain.UserDirectoryUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KnownUserDirectoryTests {

	private final SetOfKnownUsers known = new SetOfKnownUsers(ConcurrentHashMap.newKeySet());

	private final List<String> asked = new ArrayList<>();

	@Test
	void aRegisteredUserExistsWithoutAskingUserService() {
		KnownUserDirectory directory = directory((userId) -> {
			throw new UserDirectoryUnavailableException("down", null);
		});
		directory.on(new UserRegistered("ada", "ada@example.com", "Ada"));

		assertThat(directory.exists("ada")).isTrue();
		assertThat(this.asked).isEmpty();
	}

	@Test
	void aUserNotSeenYetIsAskedAboutOnceThenKnown() {
		KnownUserDirectory directory = directory((userId) -> true);

		assertThat(directory.exists("grace")).isTrue();
		assertThat(directory.exists("grace")).isTrue();

		assertThat(this.asked).containsExactly("grace");
		assertThat(this.known.ids()).contains("grace");
	}

	@Test
	void aUserUnknownToUserServiceIsNotRemembered() {
		KnownUserDirectory directory = directory((userId) -> false);

		assertThat(directory.exists("nobody")).isFalse();
		assertThat(directory.exists("nobody")).isFalse();

		assertThat(this.asked).containsExactly("nobody", "nobody");
		assertThat(this.known.ids()).doesNotContain("nobody");
	}

	@Test
	void aUserNotSeenYetWhileUserServiceIsDownCannotBeTold() {
		KnownUserDirectory directory = directory((userId) -> {
			throw new UserDirectoryUnavailableException("down", null);
		});

		assertThatExceptionOfType(UserDirectoryUnavailableException.class).isThrownBy(() -> directory.exists("linus"));
	}

	private KnownUserDirectory directory(UserDirectory userService) {
		return new KnownUserDirectory(this.known, (userId) -> {
			this.asked.add(userId);
			return userService.exists(userId);
		});
	}

	private record SetOfKnownUsers(Set<String> ids) implements KnownUsers {

		@Override
		public boolean contains(String userId) {
			return this.ids.contains(userId);
		}

		@Override
		public void add(String userId) {
			this.ids.add(userId);
		}

	}

}
