package dev.microshop.notification.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microshop.notification.domain.EmailSender;
import dev.microshop.notification.domain.Recipient;

import org.springframework.stereotype.Component;

/**
 * The default e-mail adapter: logs what would be sent. Replace it with one that calls a
 * mail provider; nothing else changes.
 */
@Component
class LoggingEmailSender implements EmailSender {

	private static final Logger logger = LoggerFactory.getLogger(LoggingEmailSender.class);

	@Override
	public void send(Recipient to, String subject, String body) {
		logger.info("E-mail to {} <{}>: {} | {}", to.displayName(), to.email(), subject, body);
	}

}
