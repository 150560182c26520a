package dev.microshop.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusConventionsTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	PrometheusConventionsTests() {
		this.registry.config().meterFilter(new PrometheusConventions());
	}

	@Test
	void aMeterWithoutDescriptionGetsAHelpLine() {
		Counter.builder("tomcat.sessions.created").baseUnit("sessions").register(this.registry);
		Counter.builder("microshop.orders.placed").description("Orders placed").register(this.registry);

		assertThat(this.registry.scrape()).contains(
				"# HELP tomcat_sessions_created_sessions_total tomcat.sessions.created (its library gives no description)")
			.contains("# HELP microshop_orders_placed_total Orders placed");
	}

	@Test
	void abbreviatedUnitsAndCountGaugesAreDropped() {
		Gauge.builder("kafka.consumer.io.time.ns.avg", () -> 1).register(this.registry);
		FunctionCounter.builder("jvm.compilation.time", this, (any) -> 1).baseUnit("ms").register(this.registry);
		Gauge.builder("system.cpu.count", () -> 2).register(this.registry);
		Gauge.builder("system.cpu.usage", () -> 0.5).register(this.registry);

		assertThat(this.registry.scrape()).doesNotContain("kafka_consumer_io_time_ns_avg")
			.doesNotContain("jvm_compilation_time_ms")
			.doesNotContain("system_cpu_count")
			.contains("system_cpu_usage 0.5");
	}

	@Test
	void camelCaseTagNamesBecomeSnakeCase() {
		Counter.builder("spring.cloud.gateway.requests")
			.tag("routeId", "product-catalog")
			.tag("httpStatusCode", "200")
			.register(this.registry)
			.increment();

		assertThat(this.registry.scrape())
			.contains("spring_cloud_gateway_requests_total{http_status_code=\"200\",route_id=\"product-catalog\"} 1.0");
	}

}
