package dev.microshop.order.ordering.client;

import java.net.http.HttpClient;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Calls user-service by its discovery name through Spring Cloud LoadBalancer, under the
 * fault isolation of {@link UserServiceResilience}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserServiceProperties.class)
class UserServiceClientConfiguration {

	/** The Eureka service id as a URL: the load balancer picks an instance for it. */
	static final String BASE_URL = "http://user-service";

	/**
	 * A builder whose clients resolve service ids through discovery. It is not a default
	 * candidate: only injection points qualified {@code @LoadBalanced} receive it, so
	 * that the Eureka client, which takes any plain {@code RestClient.Builder}, keeps
	 * calling the registry by its real address.
	 */
	@Bean(defaultCandidate = false)
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Bean
	UserServiceClient userServiceClient(@LoadBalanced RestClient.Builder loadBalanced,
			UserServiceProperties properties) {
		return create(loadBalanced.clone().baseUrl(BASE_URL), properties);
	}

	@Bean
	UserServiceResilience userServiceResilience(RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters) {
		return new UserServiceResilience(retries, circuitBreakers, bulkheads, timeLimiters);
	}

	/**
	 * Which failures the retry repeats: a rule of this client, not a setting.
	 */
	@Bean
	RetryConfigCustomizer userServiceRetryCondition() {
		Predicate<Throwable> worthRetrying = UserServiceResilience::isWorthRetrying;
		return RetryConfigCustomizer.of(UserServiceResilience.NAME, (retry) -> retry.retryOnException(worthRetrying));
	}

	@Bean
	RemoteUserDirectory remoteUserDirectory(UserServiceClient client, UserServiceResilience resilience) {
		return new RemoteUserDirectory(client, resilience);
	}

	/**
	 * Creates the client on the given builder, with the configured timeouts.
	 */
	static UserServiceClient create(RestClient.Builder builder, UserServiceProperties properties) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.connectTimeout(), properties.readTimeout());
		// Plain HTTP inside the platform: HTTP/1.1 saves the h2c upgrade attempt.
		RestClient restClient = builder
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(UserServiceClient.class);
	}

}
