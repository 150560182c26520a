package dev.microshop.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The health check of the stand-in images: exits 0 when the server answers, 1 otherwise.
 * <p>
 * {@code java -cp infra.jar dev.microshop.infra.Probe kafka|mongodb HOST PORT}
 * <ul>
 * <li>Kafka: a real protocol request, the cluster's description, which only a started
 * broker with a controller answers.</li>
 * <li>MongoDB: a TCP connection. The MongoDB driver is not part of this jar; the wire
 * server opens its port only once its H2 store is open, so an accepted connection means
 * it is ready.</li>
 * </ul>
 */
public final class Probe {

	/** How long a check may take, well within a container health check's timeout. */
	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private Probe() {
	}

	public static void main(String[] args) {
		if (args.length != 3 || !(args[0].equals("kafka") || args[0].equals("mongodb"))) {
			System.err.println("Usage: java -cp infra.jar dev.microshop.infra.Probe kafka|mongodb HOST PORT");
			System.exit(2);
			return;
		}
		int port;
		try {
			port = Integer.parseInt(args[2]);
		}
		catch (NumberFormatException ex) {
			System.err.println("Not a port: " + args[2]);
			System.exit(2);
			return;
		}
		boolean healthy = args[0].equals("kafka") ? kafka(args[1], port, TIMEOUT) : mongodb(args[1], port, TIMEOUT);
		System.out.println(args[0] + " at " + args[1] + ":" + port + (healthy ? " answers" : " does not answer"));
		// Kafka's admin client may leave threads behind.
		System.exit(healthy ? 0 : 1);
	}

	/**
	 * Whether a Kafka broker answers a describe-cluster request with at least one node.
	 * @param host the broker's host
	 * @param port the broker's client port
	 * @param timeout how long to wait for the answer
	 * @return {@code true} if the broker answered
	 */
	public static boolean kafka(String host, int port, Duration timeout) {
		int millis = (int) timeout.toMillis();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + port,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				millis, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
			return !admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).isEmpty();
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether a server accepts a TCP connection on the MongoDB port.
	 * @param host the server's host
	 * @param port the server's port
	 * @param timeout how long to wait for the connection
	 * @return {@code true} if the connection was accepted
	 */
	public static boolean mongodb(String host, int port, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
