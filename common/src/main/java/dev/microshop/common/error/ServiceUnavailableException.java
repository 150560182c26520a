package dev.microshop.common.error;

/**
 * Something this request depends on cannot answer now, and nothing was changed: answered
 * 503, the client may try again later. The message is shown to the client; the cause is
 * only logged.
 */
public class ServiceUnavailableException extends RuntimeException {

	public ServiceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
