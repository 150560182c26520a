package dev.microshop.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark suite's tools, run by scripts/benchmark (see there for the whole suite):
 * <ul>
 * <li>{@code saga}: the saga benchmark against a running platform; writes its markdown
 * and a data file for the plot
 * <li>{@code seed}: users and orders written into the services' databases
 * <li>{@code tokens}: users seeded and signed in, their ids and tokens for the gateway
 * benchmark
 * </ul>
 * Options are {@code --name value}; each command's are read in its method below.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length == 0) {
			System.err.println("usage: Benchmarks saga|seed|tokens [--name value]...");
			System.exit(2);
		}
		Options options = new Options(Arrays.copyOfRange(arguments, 1, arguments.length));
		switch (arguments[0]) {
			case "saga" -> saga(options);
			case "seed" -> seed(options);
			case "tokens" -> tokens(options);
			default -> {
				System.err.println("unknown command " + arguments[0]);
				System.exit(2);
			}
		}
		// Kafka's and the HTTP client's threads would otherwise keep the JVM alive a
		// while.
		System.exit(0);
	}

	private static ShopClient shop(Options options) {
		return new ShopClient(ShopClient.httpClient(), URI.create(options.string("gateway", "http://127.0.0.1:8080")),
				URI.create(options.string("user-service", "http://127.0.0.1:8081")));
	}

	private static String mongo(Options options) {
		return options.string("mongodb", "mongodb://127.0.0.1:27017");
	}

	private static void saga(Options options) throws Exception {
		List<Double> rates = options.numbers("rates", "10 25 50 100 200 400");
		int users = options.integer("users", (int) Math.min(50,
				Math.max(4, Math.ceil(rates.stream().mapToDouble(Double::doubleValue).max().orElse(10) / 10))));
		SagaBenchmark.Settings settings = new SagaBenchmark.Settings(rates, options.integer("seconds", 20),
				Duration.ofSeconds(options.integer("drain", 30)), users, options.numbers("warmup-rate", "10").get(0),
				options.integer("warmup-seconds", 10), options.integer("floor-seconds", 10),
				options.string("product", "ceramic-mug"), options.integer("stop-after-failures", 1),
				Path.of(options.string("platform-home", ".platform")), options.integer("clock-ticks", 100));
		SagaBenchmark.Result result = new SagaBenchmark(settings, shop(options),
				options.string("kafka", "127.0.0.1:9092"), mongo(options))
			.run();
		String markdown = SagaReport.markdown(result, options.string("label", "saga"));
		System.out.print(markdown);
		String out = options.string("markdown", "");
		if (!out.isEmpty()) {
			Files.writeString(Path.of(out), markdown);
		}
		String data = options.string("data", "");
		if (!data.isEmpty()) {
			Files.writeString(Path.of(data), SagaReport.plotData(result));
		}
	}

	private static void seed(Options options) {
		int users = options.integer("users", 10_000);
		int orders = options.integer("orders", 100_000);
		long started = System.nanoTime();
		Seeder seeder = new Seeder(mongo(options));
		try {
			seeder.indexes();
			List<Seeder.User> seeded = seeder.users(users, options.string("prefix", "seeded"));
			seeder.orders(orders, seeded);
		}
		finally {
			seeder.close();
		}
		System.err.printf("  [seed] %,d users and %,d orders (with their payments and notifications) in %.1f s%n",
				users, orders, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Seeds users and signs each in directly at user-service; writes one line per user:
	 * its id, a space, its token.
	 */
	private static void tokens(Options options) throws Exception {
		int count = options.integer("count", 1000);
		Seeder seeder = new Seeder(mongo(options));
		List<Seeder.User> users;
		try {
			users = seeder.users(count, "gateway-" + Long.toString(System.currentTimeMillis(), 36));
		}
		finally {
			seeder.close();
		}
		ShopClient shop = shop(options);
		List<Future<ShopClient.User>> signedIn = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			for (Seeder.User user : users) {
				signedIn.add(pool.submit(() -> shop.logIn(user.email(), SagaBenchmark.PASSWORD)));
			}
		}
		StringBuilder lines = new StringBuilder();
		for (Future<ShopClient.User> user : signedIn) {
			lines.append(user.get().id()).append(' ').append(user.get().token()).append('\n');
		}
		Path out = Path.of(options.string("out", "tokens.txt"));
		try {
			Files.writeString(out, lines);
		}
		catch (IOException ex) {
			throw new IOException("Cannot write " + out, ex);
		}
		System.err.printf("  [tokens] %d users seeded and signed in: %s%n", count, out);
	}

}
