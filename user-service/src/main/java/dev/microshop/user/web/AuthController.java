package dev.microshop.user.web;

import java.net.URI;

import jakarta.validation.Valid;

import dev.microshop.user.application.InvalidCredentialsException;
import dev.microshop.user.application.LogIn;
import dev.microshop.user.application.RegisterUser;
import dev.microshop.user.domain.User;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

	private final RegisterUser registerUser;

	private final LogIn logIn;

	AuthController(RegisterUser registerUser, LogIn logIn) {
		this.registerUser = registerUser;
		this.logIn = logIn;
	}

	/**
	 * Registers a user. The Location is the new user's profile, which they read once
	 * logged in.
	 */
	@PostMapping("/register")
	ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request) {
		User user = this.registerUser.register(request.email(), request.password(), request.displayName());
		return ResponseEntity.created(URI.create("/api/users/me")).body(UserResponse.from(user));
	}

	@PostMapping("/login")
	TokenResponse login(@Valid @RequestBody LoginRequest request) {
		return TokenResponse.from(this.logIn.logIn(request.email(), request.password()));
	}

	@ExceptionHandler
	ProblemDetail handle(InvalidCredentialsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
		problem.setType(URI.create("https://microshop.dev/problems/invalid-credentials"));
		problem.setTitle("Invalid credentials");
		return problem;
	}

}
