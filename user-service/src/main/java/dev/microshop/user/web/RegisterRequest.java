package dev.microshop.user.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.microshop.user.application.Passwords;

record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
		@NotNull @Size(min = 8, max = 128) @MaxUtf8Bytes(Passwords.MAX_BYTES) String password,
		@NotBlank @Size(max = 100) String displayName) {

	@Override
	public String toString() {
		return "RegisterRequest[email=" + this.email + ", displayName=" + this.displayName + "]";
	}

}
