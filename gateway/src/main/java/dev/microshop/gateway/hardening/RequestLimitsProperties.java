package dev.microshop.gateway.hardening;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request the gateway accepts. The header limit is Reactor Netty's,
 * {@code server.max-http-request-header-size}.
 *
 * @param maxBodySize the largest request body: a larger one is answered 413, whether it
 * declares its length or is sent in chunks
 */
@ConfigurationProperties("microshop.request-limits")
record RequestLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize) {

}
