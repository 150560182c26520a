package dev.microshop.notification.domain;

/**
 * Sends e-mail. The default adapter only logs; a real one would call a mail provider.
 */
public interface EmailSender {

	void send(Recipient to, String subject, String body);

}
