package dev.microshop.order.catalog.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Lets clients and the gateway revalidate the catalog cheaply: every catalog response
 * carries a strong {@code ETag} (a hash of its body), and a request whose
 * {@code If-None-Match} matches is answered 304 without a body.
 * <p>
 * Spring's filter hashes the bytes actually sent, so the tag changes exactly when the
 * representation does; the catalog is small, so buffering it costs little.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogCachingConfiguration {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtagFilter() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/api/products", "/api/products/*");
		return registration;
	}

}
