package dev.microshop.user.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.microshop.common.outbox.OutboxMessage;
import dev.microshop.user.domain.EmailAddress;
import dev.microshop.user.domain.Role;
import dev.microshop.user.domain.User;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user as stored, with the events it has not published yet. The unique index on the
 * normalized e-mail address is what keeps two concurrent registrations of one address
 * from both succeeding.
 */
@Document("users")
record UserDocument(@Id String id, @Indexed(name = "email_unique", unique = true) String email, String displayName,
		String passwordHash, List<Role> roles, Instant createdAt, List<OutboxMessage> outbox) {

	static UserDocument from(User user, List<OutboxMessage> outbox) {
		return new UserDocument(user.id(), user.email().value(), user.displayName(), user.passwordHash(),
				List.copyOf(user.roles()), user.createdAt(), outbox);
	}

	User toUser() {
		return new User(this.id, EmailAddress.of(this.email), this.displayName, this.passwordHash,
				Set.copyOf(this.roles), this.createdAt);
	}

	@Override
	public String toString() {
		return "UserDocument[id=" + this.id + ", email=" + this.email + "]";
	}

}
