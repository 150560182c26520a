package dev.microshop.common.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an instance shuts down ({@code microshop.shutdown.*}).
 *
 * @param drain how long an instance keeps serving after leaving discovery, before its web
 * server stops ({@code SHUTDOWN_DRAIN}); 0 locally and in tests, about 15 s in containers
 * updated one replica at a time
 */
@ConfigurationProperties("microshop.shutdown")
public record ShutdownProperties(@DefaultValue("0s") Duration drain) {

}
