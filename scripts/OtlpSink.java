import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP endpoint that accepts every export and keeps nothing: it answers 200 with
 * an empty {@code ExportTraceServiceResponse} (an empty protobuf message is zero bytes) and
 * counts requests and bytes. For benchmarks that measure what exporting spans costs the
 * services, without a collector's own CPU on the same machine. Not a collector: it reads
 * no span.
 * <p>
 * {@code java scripts/OtlpSink.java [PORT]} (default 4318), then
 * {@code OTLP_TRACING_ENDPOINT=http://127.0.0.1:4318/v1/traces ./platform up}.
 */
public class OtlpSink {

	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 4318;
		AtomicLong requests = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
				requests.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, -1);
			}
		});
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> System.out.printf("otlp-sink: %d exports, %d bytes%n", requests.get(),
					bytes.get())));
		server.start();
		System.out.println("otlp-sink: listening on 127.0.0.1:" + port + "/v1/traces");
	}

}
