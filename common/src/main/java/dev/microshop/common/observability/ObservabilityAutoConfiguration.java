package dev.microshop.common.observability;

import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps traces and HTTP metrics about the shop: requests to {@code /actuator} (health
 * checks, Prometheus scrapes) and the discovery client's calls to {@code /eureka} (a
 * heartbeat and a registry fetch every few seconds per instance) are not observed, so
 * they neither start traces of their own nor count in request and error rates.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class ObservabilityAutoConfiguration {

	/** The correlation id's baggage name, also its HTTP and Kafka header. */
	public static final String CORRELATION_ID = "X-Request-Id";

	@Bean
	ObservationPredicate discoveryCallsNotObserved() {
		return (name, context) -> !(context instanceof ClientRequestObservationContext client
				&& client.getCarrier() != null && client.getCarrier().getURI().getPath().contains("/eureka/"));
	}

	/**
	 * Copies the correlation id from the baggage to each span as it starts. Micrometer's
	 * tag fields tag only the span current when baggage is set in this process, not
	 * baggage received with a request or a record.
	 */
	@Bean
	@ConditionalOnClass(SpanProcessor.class)
	SpanProcessor correlationIdSpanAttribute() {
		return new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
				String correlationId = Baggage.fromContext(parentContext).getEntryValue(CORRELATION_ID);
				if (correlationId != null) {
					span.setAttribute(CORRELATION_ID, correlationId);
				}
			}

			@Override
			public boolean isStartRequired() {
				return true;
			}

			@Override
			public void onEnd(ReadableSpan span) {
			}

			@Override
			public boolean isEndRequired() {
				return false;
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Servlet {

		@Bean
		ObservationPredicate actuatorRequestsNotObserved() {
			return (name, context) -> !(context instanceof ServerRequestObservationContext server
					&& server.getCarrier().getRequestURI().startsWith("/actuator"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class Reactive {

		@Bean
		ObservationPredicate actuatorRequestsNotObserved() {
			return (name,
					context) -> !(context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext server
							&& server.getCarrier().getPath().value().startsWith("/actuator"));
		}

	}

}
