package dev.microshop.user.web;

import dev.microshop.user.application.AccessToken;

record TokenResponse(String accessToken, String tokenType, long expiresIn) {

	static TokenResponse from(AccessToken token) {
		return new TokenResponse(token.value(), "Bearer", token.expiresIn().toSeconds());
	}

	@Override
	public String toString() {
		return "TokenResponse[tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn + "]";
	}

}
