package io.ambar.stock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.ambar.ChildJvms;
import io.ambar.feed.FeedSummary;
import io.ambar.ops.AmbarCommand;
import io.ambar.ops.OperationException;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Kills a real stock-update JVM with SIGKILL mid-load, right after the load, and mid-apply (the restart killed
 * too), restarts it each time with the {@code restart} command in a new JVM, and checks that the catalogue, the
 * reject ledger and the counts equal those of a clean run and of the feed itself.
 * <p>
 * Slow (child JVMs, a 200,000-line feed): a failsafe suite, run by {@code mvn verify}.
 */
@SpringBootTest
class StockUpdateKillIT {

	private static final int PRODUCTS = 200_000;

	private static final int LINES = 200_000;

	private static final int INITIAL_STOCK = 10;

	private static final Path WORK = Path.of("target", "kill-it");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	@Autowired
	List<AmbarCommand> commands;

	private ChildJvms children;

	private Path feed;

	private final Map<String, Integer> expectedStock = new HashMap<>();

	private final Set<Long> expectedRejectLines = new TreeSet<>();

	@BeforeEach
	void seedCatalogueAndFeed() throws IOException {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
		this.feed = writeFeed(WORK.resolve("stock-200k.csv").toAbsolutePath());
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--ambar.stock.load-chunk-size=1000", "--ambar.stock.apply-chunk-size=1000");
	}

	@AfterEach
	void killLeftoverChildren() {
		this.children.close();
	}

	@Test
	void aRestartOfAKilledLoadWhoseFileWasReplacedFailsInOneLineAndAppliesNothing() throws Exception {
		Process run = start("run", "stock-update", "file=" + this.feed);
		long execution = this.children.awaitExecutionOf(run);
		this.children.awaitStep(run, execution, "load", "STARTED", LINES / 3);
		kill(run);
		Files.writeString(this.feed, "sku,quantity\n" + StockTestData.sku(1) + ",999\n");

		Process restart = start("restart", String.valueOf(execution));

		assertThat(this.children.awaitExit(restart, Duration.ofSeconds(90))).isEqualTo(AmbarCommand.FAILED);
		String printed = this.children.output(restart);
		assertThat(printed).contains("stock-update execution " + (execution + 1) + ": FAILED")
			.contains("stock-200k.csv: changed since execution " + execution + " started (sha256 ")
			.contains("; start a new run")
			.doesNotContain("\tat ", "Exception");
		assertThat(this.jobRepository.getJobExecution(execution + 1).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(mismatches(stock(), initialStock())).isEmpty();
	}

	@Test
	void aJobKilledAtAnyPointAndRestartedEndsAsACleanRun() throws Exception {
		Process clean = start("run", "stock-update", "file=" + this.feed);
		assertThat(clean.waitFor(90, TimeUnit.SECONDS)).as("clean run finished").isTrue();
		assertThat(clean.exitValue()).isZero();
		long cleanExecution = lastExecutionId();
		Map<String, Integer> cleanStock = stock();
		Set<Long> cleanRejects = rejectLines(cleanExecution);
		Map<String, Long> cleanCounts = counts(cleanExecution);
		assertThat(mismatches(cleanStock, this.expectedStock)).isEmpty();
		assertThat(cleanRejects).isEqualTo(this.expectedRejectLines);
		long applied = cleanCounts.get(FeedSummary.APPLIED);
		assertThat(applied).isGreaterThan(50_000);

		resetCatalogue();

		// 1: mid-load, after a third of the lines committed; restart refuses while the process is alive
		Process run = start("run", "stock-update", "file=" + this.feed);
		long execution = awaitExecutionOf(run);
		awaitStep(run, execution, "load", "STARTED", LINES / 3);
		String running = String.valueOf(execution);
		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> command("restart").run(List.of(running), discard()))
			.withMessageContaining("is running")
			.extracting(OperationException::kind)
			.isEqualTo(OperationException.Kind.CONFLICT);
		kill(run);

		// 2: the restart, killed as soon as its load is recorded complete
		Process restart = start("restart", String.valueOf(execution));
		execution = awaitExecutionOf(restart);
		awaitStep(restart, execution, "load", "COMPLETED", 0);
		kill(restart);

		// 3: the next restart, killed a third into the apply
		restart = start("restart", String.valueOf(execution));
		execution = awaitExecutionOf(restart);
		awaitStep(restart, execution, "apply-range:%", "STARTED", applied / 3);
		kill(restart);

		// 4: and the next, killed a sixth of the way in (SKU ranges that completed are not run again)
		restart = start("restart", String.valueOf(execution));
		execution = awaitExecutionOf(restart);
		awaitStep(restart, execution, "apply-range:%", "STARTED", applied / 6);
		kill(restart);

		// 5: the last restart runs to the end
		restart = start("restart", String.valueOf(execution));
		assertThat(restart.waitFor(90, TimeUnit.SECONDS)).as("last restart finished").isTrue();
		assertThat(restart.exitValue()).isZero();
		long last = lastExecutionId();
		assertThat(this.jobRepository.getJobExecution(last).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(mismatches(stock(), cleanStock)).isEmpty();
		assertThat(rejectLines(last)).isEqualTo(cleanRejects);
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single())
			.isEqualTo(cleanRejects.size());
		assertThat(counts(last)).isEqualTo(cleanCounts);
		assertThat(this.jdbc.sql("SELECT count(*) FROM execution_owner").query(Long.class).single()).isZero();
	}

	/**
	 * Writes the feed and works out what it must do: about 1% bad lines, 0.5% unknown SKUs, 3% repeats of an
	 * earlier SKU (the last valid line wins), the rest random SKUs and quantities, some equal to the stock.
	 */
	private Path writeFeed(Path file) throws IOException {
		Random random = new Random(20_26);
		List<String> lines = new ArrayList<>(LINES);
		List<String> written = new ArrayList<>();
		for (int i = 0; i < LINES; i++) {
			long lineNo = i + 2;
			int dice = random.nextInt(1000);
			if (dice < 10) {
				this.expectedRejectLines.add(lineNo);
				lines.add(switch (dice % 4) {
					case 0 -> StockTestData.sku(1 + random.nextInt(PRODUCTS)) + ",abc";
					case 1 -> StockTestData.sku(1 + random.nextInt(PRODUCTS)) + ",-3";
					case 2 -> StockTestData.sku(1 + random.nextInt(PRODUCTS)) + ",1,2";
					default -> ",5";
				});
			}
			else if (dice < 15) {
				this.expectedRejectLines.add(lineNo);
				lines.add("UNKNOWN-" + i + "," + random.nextInt(100));
			}
			else {
				String sku = (dice < 45 && !written.isEmpty()) ? written.get(random.nextInt(written.size()))
						: StockTestData.sku(1 + random.nextInt(PRODUCTS));
				int quantity = (random.nextInt(10) == 0) ? INITIAL_STOCK : random.nextInt(1000);
				written.add(sku);
				this.expectedStock.put(sku, quantity);
				lines.add(sku + "," + quantity);
			}
		}
		for (int n = 1; n <= PRODUCTS; n++) {
			this.expectedStock.putIfAbsent(StockTestData.sku(n), INITIAL_STOCK);
		}
		return StockTestData.writeFeed(file, lines);
	}

	private Process start(String... command) throws IOException {
		return this.children.start(command);
	}

	private long awaitExecutionOf(Process child) {
		return this.children.awaitExecutionOf(child);
	}

	private void awaitStep(Process child, long execution, String step, String status, long committed) {
		this.children.awaitStep(child, execution, step, status, committed);
	}

	private static void kill(Process child) throws InterruptedException {
		ChildJvms.kill(child);
	}

	private Map<String, Integer> initialStock() {
		Map<String, Integer> initial = new HashMap<>();
		for (int n = 1; n <= PRODUCTS; n++) {
			initial.put(StockTestData.sku(n), INITIAL_STOCK);
		}
		return initial;
	}

	private void resetCatalogue() {
		this.jdbc.sql("UPDATE products SET stock_quantity = ?").param(INITIAL_STOCK).update();
		this.jdbc.sql("TRUNCATE feed_reject, feed_application").update();
	}

	private long lastExecutionId() {
		return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
	}

	private Map<String, Integer> stock() {
		Map<String, Integer> stock = new HashMap<>();
		this.jdbc.sql("SELECT sku, stock_quantity FROM products")
			.query((rs, n) -> stock.put(rs.getString(1), rs.getInt(2)))
			.list();
		return stock;
	}

	private Set<Long> rejectLines(long execution) {
		long instance = this.jobRepository.getJobExecution(execution).getJobInstanceId();
		return new TreeSet<>(this.jdbc.sql("SELECT line_no FROM feed_reject WHERE job_instance_id = ?")
			.param(instance)
			.query(Long.class)
			.list());
	}

	private Map<String, Long> counts(long execution) {
		JobExecution stored = this.jobRepository.getJobExecution(execution);
		return new LinkedHashMap<>(FeedSummary.of(stored).counts());
	}

	/** Up to ten SKUs whose stock differs, with both quantities. */
	private static List<String> mismatches(Map<String, Integer> actual, Map<String, Integer> expected) {
		assertThat(actual).hasSameSizeAs(expected);
		return expected.entrySet()
			.stream()
			.filter(e -> !e.getValue().equals(actual.get(e.getKey())))
			.limit(10)
			.map(e -> e.getKey() + ": " + actual.get(e.getKey()) + ", expected " + e.getValue())
			.toList();
	}

	private AmbarCommand command(String name) {
		return this.commands.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
	}

	private static PrintStream discard() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

}
