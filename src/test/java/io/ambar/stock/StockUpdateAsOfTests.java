package io.ambar.stock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.ambar.feed.FeedSummary;
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
 * The as-of model of stock-update: watermarks keep a late or re-delivered feed from overwriting newer stock, and
 * only a real duplicate (same bytes as the last feed, or same bytes and same explicit as-of) is skipped.
 */
@SpringBootTest(properties = { "ambar.stock.load-chunk-size=2", "ambar.stock.apply-chunk-size=1" })
class StockUpdateAsOfTests {

	private static final String MONDAY = "2026-11-23T06:00:00Z";

	private static final String TUESDAY = "2026-11-24T06:00:00Z";

	private static final String WEDNESDAY = "2026-11-25T06:00:00Z";

	private static final AtomicLong runIds = new AtomicLong(System.nanoTime());

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@BeforeEach
	void catalogue() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("INSERT INTO products (sku, name, price, currency, stock_quantity) VALUES "
				+ "('A', 'A', 1, 'EUR', 10), ('B', 'B', 1, 'EUR', 10)").update();
	}

	@Test
	void theSameBytesOnAnotherDayApplyAgainWhenAnotherFeedCameBetween() throws Exception {
		Path monday = feed("monday.csv", "A,5\n");
		assertThat(launched(monday, MONDAY).getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(launched(feed("tuesday.csv", "A,3\n"), TUESDAY).getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(stockOf("A")).isEqualTo(3);

		JobExecution wednesday = launched(feed("wednesday.csv", "A,5\n"), WEDNESDAY);

		assertThat(wednesday.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(stockOf("A")).isEqualTo(5);
	}

	@Test
	void theSameBytesAsTheLastFeedAreAlreadyApplied() throws Exception {
		JobExecution first = launched(feed("stock.csv", "A,5\n"), MONDAY);
		JobExecution again = launched(feed("stock-again.csv", "A,5\n"), TUESDAY);

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getExitStatus().getExitCode()).isEqualTo("ALREADY_APPLIED");
		assertThat(again.getExitStatus().getExitDescription())
			.contains("same content as the last feed applied, by execution " + first.getId());
	}

	@Test
	void theSameBytesWithTheSameExplicitAsOfAreAlreadyAppliedEvenAfterOtherFeeds() throws Exception {
		Path monday = feed("monday.csv", "A,5\n");
		JobExecution first = run(monday, "as-of", MONDAY);
		run(feed("tuesday.csv", "A,3\n"), "as-of", TUESDAY);

		JobExecution redelivered = run(monday, "as-of", MONDAY);

		assertThat(redelivered.getExitStatus().getExitCode()).isEqualTo("ALREADY_APPLIED");
		assertThat(redelivered.getExitStatus().getExitDescription())
			.contains("already applied with the same as-of by execution " + first.getId());
		assertThat(stockOf("A")).isEqualTo(3);
		assertThat(run(monday, "as-of", MONDAY, "force", "true").getExitStatus().getExitCode()).isEqualTo("COMPLETED");
	}

	@Test
	void aLateFeedDoesNotOverwriteNewerStockAndCountsItsLinesAsStale() throws Exception {
		run(feed("tuesday.csv", "A,3\n"), "as-of", TUESDAY);

		JobExecution late = run(feed("monday.csv", "A,5\nB,7\n"), "as-of", MONDAY);

		assertThat(late.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stockOf("A")).isEqualTo(3);
		assertThat(stockOf("B")).isEqualTo(7);
		assertThat(FeedSummary.of(late).counts()).containsEntry("read", 2L)
			.containsEntry("applied", 1L)
			.containsEntry("stale", 1L)
			.containsEntry("unchanged", 0L);
		assertThat(this.jdbc.sql("SELECT stock_as_of = ?::timestamptz FROM products WHERE sku = 'A'")
			.param(TUESDAY)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aFeedRestartedAfterANewerOneAppliedKeepsItsAsOfAndLeavesTheNewerStock() throws Exception {
		// Monday's feed fails on B, after A is applied
		this.jdbc.sql("""
				CREATE FUNCTION refuse_b() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.sku = 'B' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_b BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_b()").update();
		JobExecution monday;
		try {
			monday = launched(feed("monday.csv", "A,5\nB,5\n"), MONDAY);
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_b ON products").update();
			this.jdbc.sql("DROP FUNCTION refuse_b()").update();
		}
		assertThat(monday.getStatus()).isEqualTo(BatchStatus.FAILED);
		launched(feed("tuesday.csv", "B,3\n"), TUESDAY);

		JobExecution restarted = this.jobOperator.restart(monday);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stockOf("A")).isEqualTo(5);
		assertThat(stockOf("B")).as("Tuesday's stock stays").isEqualTo(3);
	}

	@Test
	void twoLaunchesOfOneFileAtTheSameMomentApplyItOnce() throws Exception {
		Path file = feed("stock.csv", "A,5\nB,6\n");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService launchers = Executors.newFixedThreadPool(2);
		try {
			Callable<JobExecution> launch = () -> {
				start.await();
				return launched(file, MONDAY);
			};
			List<Future<JobExecution>> runs = List.of(launchers.submit(launch), launchers.submit(launch));
			start.countDown();
			List<String> exitCodes = runs.stream().map(StockUpdateAsOfTests::exitCode).sorted().toList();

			assertThat(exitCodes).containsExactly("ALREADY_APPLIED", "COMPLETED");
		}
		finally {
			launchers.shutdownNow();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_application WHERE state = 'applied'").query(Long.class).single())
			.isOne();
		assertThat(this.jdbc.sql("SELECT sum(version) FROM products").query(Long.class).single())
			.as("each product written once").isEqualTo(4);
	}

	private static String exitCode(Future<JobExecution> run) {
		try {
			return run.get().getExitStatus().getExitCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Launched as the CLI launches: no as-of, the launch time recorded as {@code launched-at}. */
	private JobExecution launched(Path file, String launchedAt) throws Exception {
		return run(file, "launched-at", launchedAt);
	}

	private JobExecution run(Path file, String... parameters) throws Exception {
		JobParametersBuilder builder = new JobParametersBuilder().addString("file", file.toString())
			.addLong("run.id", runIds.incrementAndGet());
		for (int i = 0; i < parameters.length; i += 2) {
			builder.addString(parameters[i], parameters[i + 1], false);
		}
		return this.jobOperator.start(this.stockUpdateJob, builder.toJobParameters());
	}

	private Path feed(String name, String lines) throws Exception {
		return Files.writeString(this.dir.resolve(name), "sku,quantity\n" + lines, StandardCharsets.UTF_8);
	}

	private int stockOf(String sku) {
		return this.jdbc.sql("SELECT stock_quantity FROM products WHERE sku = ?").param(sku).query(Integer.class).single();
	}

}
