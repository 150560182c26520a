package dev.microshop.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver, the part of an OpenTelemetry Collector that the services
 * export to: it decodes the protobuf requests exactly as sent and keeps every span, so
 * that a test reads what a tracing backend would show.
 */
final class TraceCollector implements AutoCloseable {

	private static final HexFormat HEX = HexFormat.of();

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private TraceCollector(HttpServer server) {
		this.server = server;
	}

	static TraceCollector start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			TraceCollector collector = new TraceCollector(server);
			server.createContext("/v1/traces", collector::receive);
			server.start();
			return collector;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the trace collector", ex);
		}
	}

	/** The URL to give the services as {@code OTLP_TRACING_ENDPOINT}. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** Every span received so far, in the order received. */
	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** The spans of one trace received so far. */
	List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				String service = attributes(resourceSpans.getResource().getAttributesList()).get("service.name");
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					scopeSpans.getSpansList()
						.forEach((span) -> this.spans
							.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
									HEX.formatHex(span.getSpanId().toByteArray()),
									HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
									span.getKind().name(), attributes(span.getAttributesList()))));
				}
			}
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		keyValues.forEach((keyValue) -> attributes.put(keyValue.getKey(), keyValue.getValue().getStringValue()));
		return attributes;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A span as exported.
	 *
	 * @param service the exporting service's {@code service.name}
	 * @param traceId the trace id, 32 hex digits
	 * @param spanId the span id, 16 hex digits
	 * @param parentSpanId the parent's span id, empty for a trace's root
	 * @param name the span name
	 * @param kind {@code SPAN_KIND_SERVER}, {@code SPAN_KIND_PRODUCER}, ...
	 * @param attributes the string attributes
	 */
	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
			Map<String, String> attributes) {

		boolean isRoot() {
			return this.parentSpanId.isEmpty();
		}

	}

}
