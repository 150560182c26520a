package dev.microshop.order.ordering.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How user-service is called. Orders wait on it, so the timeouts stay short: a slow user
 * service fails an order fast instead of holding the buyer.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("microshop.clients.user-service")
record UserServiceProperties(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {

}
