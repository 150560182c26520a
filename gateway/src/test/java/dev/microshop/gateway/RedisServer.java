package dev.microshop.gateway;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis: Debian's {@code redis-server} binary, started on a free port with nothing
 * saved to disk, for the tests of the rate limit that gateway replicas share.
 */
final class RedisServer implements AutoCloseable {

	private final Path binary;

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(Path binary, int port) throws IOException {
		this.binary = binary;
		this.port = port;
		this.log = Files.createTempFile("redis-server-", ".log");
	}

	/** Where {@code redis-server} is installed, if it is. */
	static Optional<Path> binary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream
			.concat(Stream.of(path.split(File.pathSeparator)).filter((dir) -> !dir.isEmpty()),
					Stream.of("/usr/bin", "/usr/sbin", "/usr/local/bin"))
			.map((dir) -> Path.of(dir, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	static RedisServer start(Path binary) {
		try {
			RedisServer redis = new RedisServer(binary, freePort());
			redis.launch();
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Starts it again on the same port, empty, after {@link #stop()}. */
	void restart() {
		launch();
	}

	private void launch() {
		try {
			this.process = new ProcessBuilder(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Process started = this.process;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		await("redis-server on port " + this.port + " (log: " + this.log + ")").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(this::answersPing);
	}

	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private boolean answersPing() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited; see " + this.log);
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
