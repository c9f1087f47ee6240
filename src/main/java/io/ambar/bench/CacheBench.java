package io.ambar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.ambar.AmbarApplication;
import io.ambar.cache.ProductCache;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisServerCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench only=cache}: the product cache, in one run on one database and one Redis.
 * <ol>
 * <li>C1: {@code GET /api/products/{sku}} over real HTTP on a hot set of SKUs, from L1, from Redis with L1 off,
 * and with the cache off (PostgreSQL), each in a server of its own (further application contexts in this JVM:
 * servers and load generator share the machine's cores), measured in interleaved rounds;</li>
 * <li>C2: {@code cache-warm} of the whole catalogue into a cold Redis, against {@code redis-benchmark -P 16 -t set}
 * with the same value size;</li>
 * <li>C3: the heap while one node reads every SKU of the catalogue once: L1 keeps to its size limit.</li>
 * </ol>
 * The catalogue is generated in {@code products} (emptied afterwards), Redis keys go to database 8 under
 * {@code ambar-bench:} (flushed afterwards).
 */
final class CacheBench {

	static final int REDIS_DATABASE = 8;

	private static final int HOT_SET = 1_000;

	private static final String CACHE_OFF = "cache off (PostgreSQL)";

	private final BenchOptions options;

	private final Environment environment;

	private final JdbcTemplate jdbc;

	private final Catalogue catalogue;

	CacheBench(BenchOptions options, Environment environment, DataSource dataSource) {
		this.options = options;
		this.environment = environment;
		this.jdbc = new JdbcTemplate(dataSource);
		this.catalogue = new Catalogue(dataSource);
	}

	/** Runs the three parts and returns their Markdown. */
	String run() throws Exception {
		String loadBefore = loadAverage();
		try {
			generateCatalogue();
			List<String> hot = hotSet();
			Warm warm;
			Scan scan;
			Map<String, HttpLoad.Result> reads;
			try (ConfigurableApplicationContext twoLevel = server(Map.of());
					ConfigurableApplicationContext redisOnly = server(Map.of("ambar.cache.l1-maximum-size", "0"));
					ConfigurableApplicationContext uncached = server(Map.of("ambar.cache.enabled", "false"))) {
				flush(twoLevel);
				warm = warm(twoLevel);
				Map<String, ConfigurableApplicationContext> paths = new LinkedHashMap<>();
				paths.put("L1 hit (L1 + Redis)", twoLevel);
				paths.put("Redis hit (L1 off)", redisOnly);
				paths.put(CACHE_OFF, uncached);
				reads = reads(paths, hot);
				scan = scan(twoLevel);
				flush(twoLevel);
			}
			Double sets = RedisBenchmark.setsPerSecond(this.options.redisHost(), this.options.redisPort(),
					this.options.rows(), warm.valueBytes());
			return render(reads, warm, sets, scan, loadBefore + " before, " + loadAverage() + " after");
		}
		finally {
			this.catalogue.clear();
		}
	}

	private void generateCatalogue() {
		long started = System.nanoTime();
		this.catalogue.empty();
		this.jdbc.update("""
				INSERT INTO products (sku, name, description, brand, category, price, currency, attributes, stock_quantity)
				SELECT 'SKU-' || lpad(n::text, 7, '0'),
				       (ARRAY['Claw hammer', 'Anvil', 'Cordless drill', 'Hand saw', 'Torque wrench'])[n % 5 + 1] || ' ' || n,
				       'Sturdy tool for workshop and garden, ' || (ARRAY['forged steel', 'aluminium', 'oak handle'])[n % 3 + 1]
				           || ', size ' || (n % 7),
				       'Brand ' || (n % 200), 'Category ' || (n % 50), ((n::bigint * 7919) % 100000) / 100.0, 'EUR',
				       jsonb_build_object('colour', (ARRAY['red', 'green', 'blue', 'black'])[n % 4 + 1], 'size', n % 7),
				       n % 100
				FROM generate_series(1, ?) AS n""", this.options.rows());
		this.jdbc.execute("VACUUM (ANALYZE) products");
		System.err.printf("bench: catalogue of %,d products in %.1f s%n", this.options.rows(),
				(System.nanoTime() - started) / 1e9);
	}

	private List<String> hotSet() {
		List<String> hot = new ArrayList<>();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < Math.min(HOT_SET, this.options.rows()); i++) {
			hot.add(String.format(Locale.ROOT, "/api/products/SKU-%07d", random.nextInt(this.options.rows()) + 1));
		}
		return hot;
	}

	/** A server of this application in this JVM, on a free port, on this database and the bench's Redis. */
	private ConfigurableApplicationContext server(Map<String, String> properties) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("spring.main.web-application-type", "servlet");
		all.put("server.port", "0");
		all.put("spring.datasource.url", this.environment.getRequiredProperty("spring.datasource.url"));
		all.put("spring.datasource.username", Objects.requireNonNullElse(this.environment.getProperty("spring.datasource.username"), ""));
		all.put("spring.datasource.password", Objects.requireNonNullElse(this.environment.getProperty("spring.datasource.password"), ""));
		all.put("spring.data.redis.host", this.options.redisHost());
		all.put("spring.data.redis.port", Integer.toString(this.options.redisPort()));
		all.put("spring.data.redis.database", Integer.toString(REDIS_DATABASE));
		all.put("ambar.cache.key-prefix", "ambar-bench:");
		all.putAll(properties);
		return SpringApplication.run(AmbarApplication.class,
				all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

	/** Empties the bench's Redis database, in the background on Redis's side (a million keys take a while). */
	private static void flush(ConfigurableApplicationContext server) {
		server.getBean(StringRedisTemplate.class).execute((RedisCallback<Object>) connection -> {
			connection.serverCommands().flushDb(RedisServerCommands.FlushOption.ASYNC);
			return null;
		});
	}

	private record Warm(long entries, double seconds, int valueBytes) {
	}

	private Warm warm(ConfigurableApplicationContext server) throws Exception {
		System.err.println("bench: cache-warm ...");
		long started = System.nanoTime();
		JobExecution run = server.getBean(JobOperator.class).start(server.getBean("cacheWarmJob", Job.class),
				new JobParametersBuilder().addLong("run.id", System.nanoTime()).toJobParameters());
		double seconds = (System.nanoTime() - started) / 1e9;
		if (run.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("cache-warm ended " + run.getStatus() + ": " + run.getAllFailureExceptions());
		}
		long entries = run.getStepExecutions().iterator().next().getWriteCount();
		StringRedisTemplate redis = server.getBean(StringRedisTemplate.class);
		long bytes = 0;
		for (int i = 1; i <= 1000; i++) {
			String sku = String.format(Locale.ROOT, "SKU-%07d", (long) i * this.options.rows() / 1000);
			bytes += Objects.requireNonNullElse(redis.execute((RedisCallback<Long>) c -> c.stringCommands()
				.strLen(("ambar-bench:product:" + sku).getBytes(java.nio.charset.StandardCharsets.UTF_8))), 0L);
		}
		System.err.printf("bench: cache-warm: %,d entries in %.2f s%n", entries, seconds);
		return new Warm(entries, seconds, (int) (bytes / 1000));
	}

	/**
	 * Loads every server for {@code warmup=} seconds (40 by default) before measuring any: a fresh server under load
	 * took about a minute to reach its steady CPU per request (530 down to 100 µs per cached read, measured with
	 * wrk), and a server runs for days; with 10 s the rounds measured the JIT at work. The JIT compiles the HTTP
	 * stack once for all of them, and each path's own code (JDBC, Lettuce) in its server's turn. Then measures them
	 * in turn, {@code rounds} times, interleaved so that the machine's other work hits each alike, and keeps for each
	 * the round with the median requests/s.
	 */
	private Map<String, HttpLoad.Result> reads(Map<String, ConfigurableApplicationContext> servers, List<String> hot)
			throws InterruptedException {
		Duration seconds = Duration.ofSeconds(this.options.seconds());
		for (Map.Entry<String, ConfigurableApplicationContext> server : servers.entrySet()) {
			System.err.printf("bench: HTTP warm-up, %s, %d s ...%n", server.getKey(), this.options.warmUp());
			HttpLoad.run(port(server.getValue()), hot, this.options.connections(), Duration.ZERO,
					Duration.ofSeconds(this.options.warmUp()));
		}
		Map<String, List<HttpLoad.Result>> rounds = new LinkedHashMap<>();
		for (int round = 1; round <= this.options.rounds(); round++) {
			for (Map.Entry<String, ConfigurableApplicationContext> server : servers.entrySet()) {
				System.err.printf("bench: HTTP round %d, %s, %d connections, %d s ...%n", round, server.getKey(),
						this.options.connections(), this.options.seconds());
				HttpLoad.Result result = HttpLoad.run(port(server.getValue()), hot, this.options.connections(),
						Duration.ofSeconds(1), seconds);
				System.err.printf("bench: %,.0f requests/s%n", result.requestsPerSecond());
				rounds.computeIfAbsent(server.getKey(), key -> new ArrayList<>()).add(result);
			}
		}
		Map<String, HttpLoad.Result> median = new LinkedHashMap<>();
		rounds.forEach((path, results) -> median.put(path, results.stream()
			.sorted(java.util.Comparator.comparingDouble(HttpLoad.Result::requestsPerSecond))
			.toList()
			.get(results.size() / 2)));
		return median;
	}

	private static int port(ConfigurableApplicationContext server) {
		return ((WebServerApplicationContext) server).getWebServer().getPort();
	}

	private record Scan(long reads, double seconds, long l1Limit, long l1Entries, long peakHeapBytes,
			long heapAfterBytes) {
	}

	/** Reads every SKU once through the node's cache, on 4 threads, sampling the heap. */
	private Scan scan(ConfigurableApplicationContext server) throws Exception {
		System.err.printf("bench: scan of %,d SKUs ...%n", this.options.rows());
		ProductCache cache = server.getBean(ProductCache.class);
		int threads = 4;
		ExecutorService readers = Executors.newFixedThreadPool(threads);
		HeapSampler heap = HeapSampler.start();
		long started = System.nanoTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t;
				done.add(readers.submit(() -> {
					for (int n = first + 1; n <= this.options.rows(); n += threads) {
						cache.get(String.format(Locale.ROOT, "SKU-%07d", n));
					}
				}));
			}
			for (Future<?> one : done) {
				one.get();
			}
		}
		finally {
			readers.shutdown();
			heap.close();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long l1 = cache.l1Size();
		System.gc();
		long after = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long limit = Long.parseLong(server.getEnvironment().getProperty("ambar.cache.l1-maximum-size", "100000"));
		return new Scan(this.options.rows(), seconds, limit, l1, heap.peakBytes(), after);
	}

	/** The machine's 1-minute load average: other work on the same cores shows in every number here. */
	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private String render(Map<String, HttpLoad.Result> reads, Warm warm, @Nullable Double sets, Scan scan,
			String load) {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT, "%n- Load average (1 min) of the machine: %s%n", load));
		HttpLoad.Result off = reads.get(CACHE_OFF);
		md.append(String.format(Locale.ROOT, "%n### C1 GET /api/products/{sku} over HTTP (%,d products, hot set of %,d SKUs, "
				+ "%d connections, each server loaded %d s first, median of %d rounds of %d s)%n%n", this.options.rows(),
				HOT_SET, this.options.connections(), this.options.warmUp(), this.options.rounds(), this.options.seconds()))
			.append("| path | requests | requests/s | p50 (ms) | p99 (ms) | p99.9 (ms) | errors | vs cache off | JVM CPU per request (µs) |\n")
			.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		reads.forEach((path, r) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %,d | %.2fx | %.0f |%n",
				path, r.requests(), r.requestsPerSecond(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.p999Nanos() / 1e6,
				r.errors(), r.requestsPerSecond() / off.requestsPerSecond(), r.jvmCpuMicrosPerRequest())));
		md.append(String.format(Locale.ROOT, "%nMean response body %.0f bytes of JSON; the same products in Redis: %d bytes.%n",
				reads.values().iterator().next().meanBodyBytes(), warm.valueBytes()));
		double warmRate = warm.entries() / warm.seconds();
		md.append(String.format(Locale.ROOT, "%n### C2 cache-warm of %,d products into a cold Redis%n%n", warm.entries()))
			.append("| contender | entries | seconds | entries/s | vs redis-benchmark |\n")
			.append("|---|--:|--:|--:|--:|\n")
			.append(String.format(Locale.ROOT, "| cache-warm job (keyset pages, pipelined compare-and-set) | %,d | %.2f | %,.0f | %s |%n",
					warm.entries(), warm.seconds(), warmRate,
					(sets != null) ? String.format(Locale.ROOT, "%.2fx", warmRate / sets) : "n/a"))
			.append((sets != null) ? String.format(Locale.ROOT, "| `%s` | %,d | %.2f | %,.0f | 1.00x |%n",
					String.join(" ", RedisBenchmark.command(this.options.redisHost(), this.options.redisPort(),
							this.options.rows(), warm.valueBytes())), this.options.rows(), this.options.rows() / sets, sets)
					: "| redis-benchmark | not installed | | | |\n");
		md.append(String.format(Locale.ROOT, "%n### C3 heap while one node reads %,d distinct SKUs (4 threads)%n%n", scan.reads()))
			.append("| L1 limit | L1 entries after | reads/s | peak heap (MB) | heap after GC (MB) |\n")
			.append("|--:|--:|--:|--:|--:|\n")
			.append(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,d | %,d |%n", scan.l1Limit(), scan.l1Entries(),
					scan.reads() / scan.seconds(), scan.peakHeapBytes() >> 20, scan.heapAfterBytes() >> 20));
		md.append("""

				Notes: the servers run in the bench's JVM, on the same cores as the load generator, PostgreSQL and Redis;
				JVM CPU per request counts the server and the load generator, not PostgreSQL's or Redis's processes.
				The load is closed-loop (each connection waits for its response), so latencies leave out queueing a real
				client population would add. Peak heap includes uncollected garbage and the whole bench process.
				""");
		return md.toString();
	}

}
