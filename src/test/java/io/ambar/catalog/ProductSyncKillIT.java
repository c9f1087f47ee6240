package io.ambar.catalog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import io.ambar.ChildJvms;
import io.ambar.feed.FeedSummary;
import io.ambar.ops.cli.AmbarCommand;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real full-mode product-sync JVM with SIGKILL in load, in classify, in apply and in deactivate (each
 * restart killed in turn), restarts it with the {@code restart} command in a new JVM each time, and checks that the
 * catalogue, the ledger and the counts equal those of a clean run, every product written exactly once.
 * <p>
 * The kills in classify, apply and deactivate land while the step waits for a lock the test holds: the step is
 * then surely mid-transaction, with the chunks before it committed. Slow (child JVMs): a failsafe suite.
 */
@SpringBootTest
class ProductSyncKillIT {

	private static final int PRODUCTS = 60_000;

	private static final Path WORK = Path.of("target", "kill-it-product");

	/** A product the feed changes, about half-way through the apply step's SKU order. */
	private static final String MID_APPLY = sku(30_002);

	/** A product the feed leaves out, deactivated by the full sync. */
	private static final String ABSENT = sku(40_009);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	private ChildJvms children;

	private Path feed;

	private long lines;

	@BeforeEach
	void seedCatalogueAndFeed() throws IOException {
		StockTestData.clean(this.jdbc, this.jobRepository);
		seedCatalogue();
		this.feed = writeFeed(WORK.resolve("products.jsonl").toAbsolutePath());
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--ambar.catalog.load-chunk-size=1000", "--ambar.catalog.apply-chunk-size=1000");
	}

	@AfterEach
	void cleanUp() {
		this.children.close();
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void aFullSyncKilledInEveryStepAndRestartedEndsAsACleanRun() throws Exception {
		Process clean = sync();
		assertThat(this.children.awaitExit(clean, Duration.ofSeconds(120))).isZero();
		long cleanExecution = lastExecutionId();
		List<String> cleanCatalogue = catalogue();
		List<String> cleanRejects = rejects(cleanExecution);
		Map<String, Long> cleanCounts = counts(cleanExecution);
		assertThat(cleanCounts.get(FeedSummary.DEACTIVATED)).isGreaterThan(1000);
		assertThat(cleanCounts.get(FeedSummary.INSERTED)).isGreaterThan(1000);
		assertThat(cleanCounts.get(FeedSummary.UPDATED)).isGreaterThan(10_000);

		resetCatalogue();

		// 1: in load, a third of the lines committed
		Process run = sync();
		long execution = this.children.awaitExecutionOf(run);
		this.children.awaitStep(run, execution, "load", "STARTED", this.lines / 3);
		ChildJvms.kill(run);

		// 2: in classify, mid-transaction: it waits for the catalogue, which the test holds
		try (HeldLock lock = hold("LOCK TABLE products IN ACCESS EXCLUSIVE MODE")) {
			Process restart = this.children.start("restart", String.valueOf(execution));
			execution = this.children.awaitExecutionOf(restart);
			this.children.awaitStep(restart, execution, "classify", "STARTED", 0);
			this.children.awaitBlocked(restart);
			ChildJvms.kill(restart);
		}

		// 3: in apply, chunks before a product the test holds committed
		try (HeldLock lock = hold("SELECT 1 FROM products WHERE sku = '" + MID_APPLY + "' FOR UPDATE")) {
			Process restart = this.children.start("restart", String.valueOf(execution));
			execution = this.children.awaitExecutionOf(restart);
			// the range holding the product: the apply ranges commit on their own, the apply step only at the end
			this.children.awaitStep(restart, execution, "apply-range:%", "STARTED", 1000);
			this.children.awaitBlocked(restart);
			ChildJvms.kill(restart);
		}

		// 4: in deactivate, mid-statement
		try (HeldLock lock = hold("SELECT 1 FROM products WHERE sku = '" + ABSENT + "' FOR UPDATE")) {
			Process restart = this.children.start("restart", String.valueOf(execution));
			execution = this.children.awaitExecutionOf(restart);
			this.children.awaitStep(restart, execution, "deactivate", "STARTED", 0);
			this.children.awaitBlocked(restart);
			ChildJvms.kill(restart);
		}

		// 5: the last restart runs to the end
		Process last = this.children.start("restart", String.valueOf(execution));
		assertThat(this.children.awaitExit(last, Duration.ofSeconds(120))).as(this.children.output(last))
			.isEqualTo(AmbarCommand.OK);
		long lastExecution = lastExecutionId();
		assertThat(this.jobRepository.getJobExecution(lastExecution).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(catalogue()).as("catalogue, each product written once (version)").isEqualTo(cleanCatalogue);
		assertThat(rejects(lastExecution)).isEqualTo(cleanRejects);
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single())
			.isEqualTo(cleanRejects.size());
		assertThat(counts(lastExecution)).isEqualTo(cleanCounts);
		assertThat(this.jdbc.sql("SELECT count(*) FROM execution_owner").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'stage\\_%'")
			.query(Long.class)
			.single()).as("staging tables dropped").isZero();
	}

	@Test
	void aRestartOfAKilledLoadWhoseFileWasReplacedFailsInOneLineAndAppliesNothing() throws Exception {
		List<String> before = catalogue();
		Process run = sync();
		long execution = this.children.awaitExecutionOf(run);
		this.children.awaitStep(run, execution, "load", "STARTED", this.lines / 3);
		ChildJvms.kill(run);
		Files.writeString(this.feed, "{\"sku\":\"" + sku(1) + "\",\"name\":\"Replaced\",\"price\":\"1.00\"}\n");

		Process restart = this.children.start("restart", String.valueOf(execution));

		assertThat(this.children.awaitExit(restart, Duration.ofSeconds(90))).isEqualTo(AmbarCommand.FAILED);
		assertThat(this.children.output(restart)).contains("product-sync execution " + (execution + 1) + ": FAILED")
			.contains("products.jsonl: changed since execution " + execution + " started (sha256 ")
			.doesNotContain("\tat ", "Exception");
		assertThat(catalogue()).isEqualTo(before);
	}

	private Process sync() throws IOException {
		return this.children.start("run", "product-sync", "file=" + this.feed, "mode=full", "max-deactivate-ratio=0.1");
	}

	/** Runs a statement in a transaction of its own and keeps it open, with its locks, until closed. */
	private HeldLock hold(String sql) throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		return new HeldLock(connection);
	}

	private void seedCatalogue() {
		this.jdbc.sql("""
				INSERT INTO products (sku, name, price, currency, stock_quantity)
				SELECT 'PRD-' || lpad(n::text, 7, '0'), 'Old product ' || n, 5.00, 'EUR', 3
				FROM generate_series(1, ?) AS n""").param(PRODUCTS).update();
	}

	private void resetCatalogue() {
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application").update();
		seedCatalogue();
	}

	/**
	 * Every existing product but one in twelve (those are deactivated, ABSENT among them), in a shuffled order,
	 * half of them with a new price and the rest as they are; 5,000 new products; 1% bad lines; and some products
	 * listed twice (the last line wins).
	 */
	private Path writeFeed(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Random random = new Random(2026);
		long written = 0;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (int i = 0; i < PRODUCTS + 5_000; i++) {
				int n = 1 + (int) ((i * 7919L) % (PRODUCTS + 5_000));
				if (n <= PRODUCTS && n % 12 == 1 && !sku(n).equals(MID_APPLY)) {
					continue;
				}
				// the product the apply kill waits on is a plain change
				int dice = sku(n).equals(MID_APPLY) ? 0 : random.nextInt(100);
				String price = (dice < 50) ? String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(99), random.nextInt(100))
						: "5.00";
				String name = (n <= PRODUCTS) ? "Old product " + n : "New product " + n;
				if (sku(n).equals(MID_APPLY)) {
					price = "7.77";
				}
				out.write((dice == 99) ? "{\"sku\":\"" + sku(n) + "\",\"name\":\"" + name + "\",\"price\":\"1e3\"}\n"
						: "{\"sku\":\"" + sku(n) + "\",\"name\":\"" + name + "\",\"price\":\"" + price + "\"}\n");
				written++;
				if (dice == 98) {
					out.write("{\"sku\":\"" + sku(n) + "\",\"name\":\"" + name + " v2\",\"price\":\"9.99\"}\n");
					written++;
				}
			}
		}
		assertThat(ABSENT).matches(sku -> Integer.parseInt(sku.substring(4)) % 12 == 1);
		this.lines = written;
		return file;
	}

	private static String sku(int n) {
		return String.format(Locale.ROOT, "PRD-%07d", n);
	}

	private long lastExecutionId() {
		return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
	}

	private List<String> catalogue() {
		return this.jdbc.sql("""
				SELECT concat_ws('|', sku, name, description, brand, category, price, currency, attributes, active,
				    stock_quantity, encode(content_hash, 'hex'), version)
				FROM products ORDER BY sku""").query(String.class).list();
	}

	private List<String> rejects(long execution) {
		long instance = this.jobRepository.getJobExecution(execution).getJobInstanceId();
		return this.jdbc.sql("SELECT line_no || ':' || reason FROM feed_reject WHERE job_instance_id = ? ORDER BY line_no")
			.param(instance)
			.query(String.class)
			.list();
	}

	private Map<String, Long> counts(long execution) {
		JobExecution stored = this.jobRepository.getJobExecution(execution);
		return new LinkedHashMap<>(FeedSummary.of(stored).counts());
	}

	/** A transaction that holds its locks until closed, then rolls back. */
	private record HeldLock(Connection connection) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.connection.rollback();
			this.connection.close();
		}

	}

}
