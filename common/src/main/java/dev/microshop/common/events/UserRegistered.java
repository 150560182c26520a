package dev.microshop.common.events;

/**
 * A user registered.
 *
 * @param userId the new user's id
 * @param email the e-mail address they registered with
 * @param displayName the name to greet them with
 */
public record UserRegistered(String userId, String email, String displayName) implements Event {

	@Override
	public String aggregateId() {
		return this.userId;
	}

}
