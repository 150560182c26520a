package dev.microshop.order.catalog.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long clients and shared caches (the gateway) may keep the public catalog.
 *
 * @param maxAge the {@code max-age} of {@code GET /api/products} responses: a changed
 * price shows after this long at worst, so it stays short
 */
@ConfigurationProperties("microshop.catalog")
record CatalogProperties(@DefaultValue("60s") Duration maxAge) {

}
