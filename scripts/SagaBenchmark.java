import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the order saga through the gateway of a running platform: the time from
 * {@code POST /api/orders} answered to the order seen CONFIRMED, at fixed rates.
 * <p>
 * Run by scripts/benchmark-saga: {@code java scripts/SagaBenchmark.java RATE... } with
 * {@code SECONDS_PER_RATE} seconds per rate. Each rate uses fresh users (one per 10
 * orders/s); a watcher reads each user's newest orders every 100 ms, no more of them than
 * are still pending, so that watching costs the platform little. Latencies are exact to
 * about 100 ms.
 */
public class SagaBenchmark {

	static final String GATEWAY = System.getenv().getOrDefault("GATEWAY", "http://127.0.0.1:8080");

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Pattern ORDER = Pattern.compile("\"id\":\"([^\"]+)\",\"status\":\"([A-Z]+)\"");

	public static void main(String[] args) throws Exception {
		int seconds = Integer.parseInt(System.getenv().getOrDefault("SECONDS_PER_RATE", "30"));
		String product = System.getenv().getOrDefault("PRODUCT", "ceramic-mug");
		System.out.println("| orders/s offered | orders/s placed | placed | confirmed | not confirmed after 30 s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String arg : args) {
			run(Integer.parseInt(arg), seconds, product);
		}
	}

	static void run(int rate, int seconds, String product) throws Exception {
		int userCount = Math.max(1, rate / 10);
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < userCount; i++) {
			tokens.add(register());
		}
		Map<String, Long> answeredAt = new ConcurrentHashMap<>();
		Map<String, Long> confirmedAt = new ConcurrentHashMap<>();
		Map<String, String> ownerOf = new ConcurrentHashMap<>();
		AtomicInteger failed = new AtomicInteger();
		int total = rate * seconds;
		AtomicInteger next = new AtomicInteger();
		ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
		var senders = Executors.newVirtualThreadPerTaskExecutor();
		long start = System.nanoTime();
		pacer.scheduleAtFixedRate(() -> {
			int n = next.getAndIncrement();
			if (n >= total) {
				return;
			}
			String token = tokens.get(n % tokens.size());
			senders.submit(() -> {
				try {
					HttpResponse<String> response = send(request("/api/orders", token)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(
								"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}")));
					long now = System.nanoTime();
					Matcher matcher = ORDER.matcher(response.body());
					if (response.statusCode() == 201 && matcher.find()) {
						answeredAt.put(matcher.group(1), now);
						ownerOf.put(matcher.group(1), token);
					}
					else {
						failed.incrementAndGet();
					}
				}
				catch (Exception ex) {
					failed.incrementAndGet();
				}
			});
		}, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

		// The watcher: each user's newest orders, every 50 ms, until all are confirmed or
		// 30 s after the last one was placed.
		long placingEnds = start + TimeUnit.SECONDS.toNanos(seconds);
		long deadline = placingEnds + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			for (String token : tokens) {
				long pending = answeredAt.keySet()
					.stream()
					.filter((id) -> token.equals(ownerOf.get(id)) && !confirmedAt.containsKey(id))
					.count();
				if (pending == 0) {
					continue;
				}
				HttpResponse<String> list = send(
						request("/api/orders?size=" + Math.min(100, pending + 5), token).GET());
				long now = System.nanoTime();
				Matcher matcher = ORDER.matcher(list.body());
				while (matcher.find()) {
					if (matcher.group(2).equals("CONFIRMED") && answeredAt.containsKey(matcher.group(1))) {
						confirmedAt.putIfAbsent(matcher.group(1), now);
					}
				}
			}
			if (System.nanoTime() > placingEnds && next.get() >= total && confirmedAt.size() >= answeredAt.size()
					&& answeredAt.size() + failed.get() >= total) {
				break;
			}
			Thread.sleep(100);
		}
		pacer.shutdownNow();
		senders.shutdown();
		long placedIn = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		List<Long> latencies = new ArrayList<>();
		answeredAt.forEach((id, answered) -> {
			Long confirmed = confirmedAt.get(id);
			if (confirmed != null) {
				latencies.add(TimeUnit.NANOSECONDS.toMillis(Math.max(0, confirmed - answered)));
			}
		});
		Collections.sort(latencies);
		int placed = answeredAt.size();
		System.out.printf("| %d | %.1f | %d | %d | %d | %s | %s | %s | %s |%n", rate,
				placed / (double) Math.min(placedIn, seconds * 1000L) * 1000, placed, latencies.size(),
				placed - latencies.size(), percentile(latencies, 50), percentile(latencies, 90),
				percentile(latencies, 99), latencies.isEmpty() ? "-" : latencies.get(latencies.size() - 1));
		if (failed.get() > 0) {
			System.out.printf("|   | %d requests failed at %d orders/s | | | | | | | |%n", failed.get(), rate);
		}
	}

	static String percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return "-";
		}
		return String.valueOf(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
	}

	static String register() throws Exception {
		String email = "bench-" + UUID.randomUUID() + "@example.com";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"benchmark-password\"";
		send(request("/api/auth/register", null).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(credentials + ",\"displayName\":\"Bench\"}")));
		HttpResponse<String> login = send(request("/api/auth/login", null).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(credentials + "}")));
		Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
		if (!token.find()) {
			throw new IllegalStateException("Could not log in: " + login.statusCode() + " " + login.body());
		}
		return token.group(1);
	}

	static HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(30));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
