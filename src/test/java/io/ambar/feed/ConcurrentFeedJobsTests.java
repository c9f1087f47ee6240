package io.ambar.feed;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stock-update, an incremental product-sync and a full product-sync over the same SKUs at the same time, round after
 * round: every statement that writes products locks its rows in SKU order, so none deadlocks, and whatever order
 * their transactions interleave in, the watermarks leave the catalogue as the newest feed of each kind says.
 */
@SpringBootTest(properties = { "ambar.stock.apply-chunk-size=50", "ambar.stock.load-chunk-size=200",
		"ambar.catalog.apply-chunk-size=50", "ambar.catalog.load-chunk-size=200" })
class ConcurrentFeedJobsTests {

	private static final int PRODUCTS = 3000;

	private static final int ROUNDS = 3;

	private static final AtomicLong runIds = new AtomicLong(System.nanoTime());

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	Job productSyncJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	private final Random random = new Random(42);

	@BeforeEach
	void catalogue() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
	}

	@AfterEach
	void cleanUp() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void overlappingFeedJobsRunTogetherWithoutDeadlocksAndTheNewestFeedOfEachKindWins() throws Exception {
		long deadlocksBefore = deadlocks();
		Instant asOf = Instant.parse("2026-11-30T00:00:00Z");
		ExecutorService launchers = Executors.newFixedThreadPool(3);
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				Map<String, Integer> stock = new HashMap<>();
				Map<String, String> names = new HashMap<>();
				Path stockFeed = stockFeed(round, stock);
				Path full = productFeed("full-" + round, round, shuffled().subList(0, PRODUCTS * 97 / 100), names);
				// only products the full feed lists too: a product both deactivates and lists again is a race
				// the watermarks leave to the feed that writes last (see README)
				Path incremental = productFeed("incremental-" + round, round,
						new ArrayList<>(names.keySet()).subList(0, PRODUCTS / 2), new HashMap<>());
				// the full sync is the newest of the three, the incremental one the oldest
				Instant stockAsOf = asOf.plusSeconds(round * 10L + 1);
				Instant incrementalAsOf = asOf.plusSeconds(round * 10L + 2);
				Instant fullAsOf = asOf.plusSeconds(round * 10L + 3);
				List<Future<JobExecution>> runs = List.of(
						launchers.submit(() -> run(this.stockUpdateJob, stockFeed, stockAsOf)),
						launchers.submit(() -> run(this.productSyncJob, incremental, incrementalAsOf)),
						launchers.submit(() -> run(this.productSyncJob, full, fullAsOf, "mode", "full",
								"max-deactivate-ratio", "0.1")));
				for (Future<JobExecution> run : runs) {
					JobExecution execution = run.get();
					assertThat(execution.getStatus()).as("round %d: %s %s", round, execution.getJobInstance().getJobName(),
							execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
				}
				assertCatalogue(round, stock, names, stockAsOf, fullAsOf);
			}
		}
		finally {
			launchers.shutdownNow();
		}
		assertThat(deadlocks()).as("deadlocks detected by PostgreSQL").isEqualTo(deadlocksBefore);
	}

	private void assertCatalogue(int round, Map<String, Integer> stock, Map<String, String> names, Instant stockAsOf,
			Instant fullAsOf) {
		List<String> wrong = new ArrayList<>();
		this.jdbc.sql("SELECT sku, stock_quantity, stock_as_of, name, active, content_as_of FROM products")
			.query((rs, n) -> {
				String sku = rs.getString(1);
				String name = names.get(sku);
				// a feed that repeats the current stock writes nothing, watermark included
				boolean stockRight = rs.getInt(2) == stock.get(sku)
						&& (rs.getTimestamp(3) == null || !rs.getTimestamp(3).toInstant().isAfter(stockAsOf));
				// the full feed names each product it lists; those it left out it deactivated (now or earlier)
				boolean contentRight = (name != null)
						? name.equals(rs.getString(4)) && rs.getBoolean(5)
								&& rs.getTimestamp(6).toInstant().equals(fullAsOf)
						: !rs.getBoolean(5) && !rs.getTimestamp(6).toInstant().isAfter(fullAsOf);
				if (!stockRight || !contentRight) {
					wrong.add(sku + " " + rs.getInt(2) + " " + rs.getString(4) + " " + rs.getBoolean(5));
				}
				return sku;
			})
			.list();
		assertThat(wrong).as("round %d: products the watermarks do not explain", round).isEmpty();
	}

	private JobExecution run(Job job, Path file, Instant asOf, String... more) throws Exception {
		JobParametersBuilder parameters = new JobParametersBuilder().addString("file", file.toString())
			.addLong("run.id", runIds.incrementAndGet())
			.addString("as-of", asOf.toString(), false);
		for (int i = 0; i < more.length; i += 2) {
			parameters.addString(more[i], more[i + 1], false);
		}
		return this.jobOperator.start(job, parameters.toJobParameters());
	}

	/** Every SKU once, shuffled, with a new stock level. */
	private Path stockFeed(int round, Map<String, Integer> stock) throws Exception {
		Path file = this.dir.resolve("stock-" + round + ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("sku,quantity\n");
			for (int n : shuffled()) {
				int quantity = this.random.nextInt(1000);
				stock.put(StockTestData.sku(n), quantity);
				out.write(StockTestData.sku(n) + "," + quantity + "\n");
			}
		}
		return file;
	}

	/** The products, each with a name of this feed and round; {@code names} gets the name of each. */
	private Path productFeed(String name, int round, List<?> products, Map<String, String> names) throws Exception {
		Path file = this.dir.resolve(name + ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("sku,name,price\n");
			for (Object product : products) {
				String sku = (product instanceof Integer n) ? StockTestData.sku(n) : (String) product;
				String productName = String.format(Locale.ROOT, "%s %d product %s", name, round, sku);
				String price = String.format(Locale.ROOT, "%d.%02d", this.random.nextInt(100), this.random.nextInt(100));
				if (names != null) {
					names.put(sku, productName);
				}
				out.write(sku + "," + productName + "," + price + "\n");
			}
		}
		return file;
	}

	private List<Integer> shuffled() {
		List<Integer> numbers = new ArrayList<>();
		for (int n = 1; n <= PRODUCTS; n++) {
			numbers.add(n);
		}
		Collections.shuffle(numbers, this.random);
		return numbers;
	}

	private long deadlocks() {
		// the statistics of other backends reach the shared view when they end or go idle: wait for them
		this.jdbc.sql("SELECT pg_stat_clear_snapshot()").query((rs, n) -> 1).list();
		return this.jdbc.sql("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
			.query(Long.class)
			.single();
	}

}
