package dev.microshop.user.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The administrator account ensured at every start, when both values are set.
 *
 * @param email the administrator's e-mail address
 * @param password the administrator's password
 */
@ConfigurationProperties("microshop.admin")
public record AdminProperties(String email, String password) {

	/**
	 * Whether an administrator is wanted; both values must then be set.
	 */
	boolean isRequested() {
		return StringUtils.hasText(this.email) || StringUtils.hasText(this.password);
	}

	@Override
	public String toString() {
		return "AdminProperties[email=" + this.email + ", password=" + (StringUtils.hasText(this.password) ? "***" : "")
				+ "]";
	}

}
