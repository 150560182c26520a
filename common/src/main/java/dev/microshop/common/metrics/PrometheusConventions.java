package dev.microshop.common.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps {@code /actuator/prometheus} free of what {@code promtool check metrics} reports,
 * for the meters of every library a service uses, not only the ones seen today:
 * <ul>
 * <li>a meter without a description gets one, since Prometheus' HELP line is mandatory
 * for the linter (Boot's HTTP timers and Tomcat's session gauges have none, nor some of
 * the Kafka client's);</li>
 * <li>meters whose name or base unit is an abbreviated unit ({@code ms}, {@code ns}:
 * Kafka client timings such as {@code kafka_consumer_io_time_ns_total},
 * {@code jvm_compilation_time_ms_total}) are dropped: their values cannot be converted to
 * seconds by a filter, and none is used by the dashboards or alerts;</li>
 * <li>gauges named {@code ...count} ({@code system_cpu_count},
 * {@code kafka_consumer_connection_count}) are dropped too: Prometheus reserves
 * {@code _count} for histograms and summaries;</li>
 * <li>camelCase tag names become snake_case (Spring Cloud Gateway's {@code routeId},
 * {@code httpStatusCode} become {@code route_id}, {@code http_status_code}).</li>
 * </ul>
 */
public class PrometheusConventions implements MeterFilter {

	private static final Pattern ABBREVIATED_UNIT = Pattern.compile("(^|\\.)(ms|ns|us)(\\.|$)");

	private static final Set<String> ABBREVIATED_BASE_UNITS = Set.of("ms", "ns", "us", "milliseconds", "nanoseconds");

	private static final Pattern CAMEL_CASE = Pattern.compile("([a-z0-9])([A-Z])");

	private static final Map<String, String> DESCRIPTIONS = Map.of("http.server.requests",
			"Duration of the HTTP requests served", "http.server.requests.active", "HTTP requests being served now");

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		String name = id.getName();
		if (ABBREVIATED_UNIT.matcher(name).find()
				|| (id.getBaseUnit() != null && ABBREVIATED_BASE_UNITS.contains(id.getBaseUnit()))) {
			return MeterFilterReply.DENY;
		}
		if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count") && id.getBaseUnit() == null) {
			return MeterFilterReply.DENY;
		}
		return MeterFilterReply.NEUTRAL;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		boolean described = id.getDescription() != null && !id.getDescription().isBlank();
		boolean camelCase = id.getTags().stream().anyMatch((tag) -> CAMEL_CASE.matcher(tag.getKey()).find());
		if (described && !camelCase) {
			return id;
		}
		String description = described ? id.getDescription()
				: DESCRIPTIONS.getOrDefault(id.getName(), id.getName() + " (its library gives no description)");
		List<Tag> tags = id.getTags()
			.stream()
			.map((tag) -> Tag.of(CAMEL_CASE.matcher(tag.getKey()).replaceAll("$1_$2").toLowerCase(Locale.ROOT),
					tag.getValue()))
			.toList();
		return new Meter.Id(id.getName(), Tags.of(tags), id.getBaseUnit(), description, id.getType());
	}

}
