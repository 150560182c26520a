package dev.microshop.order.ordering.client;

import java.net.http.HttpClient;

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
 * Calls user-service by its discovery name through Spring Cloud LoadBalancer.
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
	RemoteUserDirectory remoteUserDirectory(UserServiceClient client) {
		return new RemoteUserDirectory(client);
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
