package dev.microshop.user.web;

import java.time.Duration;
import java.util.Map;

import dev.microshop.user.application.SigningKeys;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public keys that verify this service's tokens (RFC 7517).
 */
@RestController
class JwksController {

	// Short enough that a verifier sees a rotated key within minutes.
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		// toJSONObject(true): public parameters only, whatever the set holds.
		return ResponseEntity.ok()
			.cacheControl(CACHE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
