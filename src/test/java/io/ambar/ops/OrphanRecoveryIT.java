package io.ambar.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ambar.ChildJvms;
import io.ambar.feed.FeedSummary;
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
import static org.awaitility.Awaitility.await;

/**
 * A crash, recovered by another node without anyone: a {@code run} process is killed with SIGKILL in the middle of
 * its apply; a {@code server} on the same database sees the orphan, marks it FAILED saying why, restarts it from
 * its last commit and finishes it, and the catalogue and the counts equal a clean run's.
 */
@SpringBootTest
class OrphanRecoveryIT {

	private static final int PRODUCTS = 100_000;

	private static final Path WORK = Path.of("target", "orphan-it");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	private ChildJvms children;

	private Path feed;

	@BeforeEach
	void catalogueAndFeed() throws IOException {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE run_slot").update();
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
		this.feed = writeFeed(WORK.resolve("stock.csv").toAbsolutePath());
		Files.createDirectories(WORK.resolve("no-schedules"));
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--ambar.stock.load-chunk-size=1000", "--ambar.stock.apply-chunk-size=500");
	}

	@AfterEach
	void cleanUp() {
		this.children.close();
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void aServerRecoversAKilledRunAndFinishesItExactlyOnce() throws Exception {
		Process clean = this.children.start("run", "stock-update", "file=" + this.feed);
		assertThat(this.children.awaitExit(clean, Duration.ofSeconds(120))).isZero();
		long cleanExecution = lastExecutionId();
		Map<String, Integer> cleanStock = stock();
		Map<String, Long> cleanCounts = counts(cleanExecution);
		this.jdbc.sql("UPDATE products SET stock_quantity = 10, stock_as_of = NULL, version = 1").update();
		this.jdbc.sql("TRUNCATE feed_reject, feed_application").update();

		Process server = this.children.start("server", "--server.port=0", "--ambar.recovery.interval=1s",
				"--ambar.schedule.dir=" + WORK.resolve("no-schedules"), "--ambar.security.operator-password=secret");
		Process run = this.children.start("run", "stock-update", "file=" + this.feed);
		long execution = this.children.awaitExecutionOf(run);
		this.children.awaitStep(run, execution, "apply-range:%", "STARTED", 5_000);
		ChildJvms.kill(run);

		JobExecution finished = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(server.isAlive()).as("the server runs").isTrue();
			JobExecution last = this.jobRepository.getLastJobExecution(this.jobRepository.getJobExecution(execution).getJobInstance());
			return (last.getId() != execution && last.getStatus() == BatchStatus.COMPLETED) ? last : null;
		}, last -> last != null);

		JobExecution killed = this.jobRepository.getJobExecution(execution);
		assertThat(killed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(killed.getExitStatus().getExitDescription()).contains("recovered by ambar-recovery (recovery)")
			.contains("is gone: no process has pid " + run.pid());
		assertThat(stock()).isEqualTo(cleanStock);
		assertThat(counts(finished.getId())).isEqualTo(cleanCounts);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE version > 2").query(Long.class).single())
			.as("no product written twice").isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'ambar-recovery' AND outcome = 'DONE'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	/** Every product once, in a shuffled order, most with a new stock level. */
	private static Path writeFeed(Path file) throws IOException {
		Random random = new Random(7);
		List<String> lines = new ArrayList<>(PRODUCTS);
		for (int n = 1; n <= PRODUCTS; n++) {
			int i = 1 + (int) ((n * 7919L) % PRODUCTS);
			lines.add(StockTestData.sku(i) + "," + (random.nextInt(10) == 0 ? 10 : random.nextInt(1000)));
		}
		return StockTestData.writeFeed(file, lines);
	}

	private long lastExecutionId() {
		return this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
	}

	private Map<String, Integer> stock() {
		Map<String, Integer> stock = new HashMap<>();
		this.jdbc.sql("SELECT sku, stock_quantity FROM products").query((rs, n) -> stock.put(rs.getString(1), rs.getInt(2))).list();
		return stock;
	}

	private Map<String, Long> counts(long execution) {
		Map<String, Long> counts = new LinkedHashMap<>(FeedSummary.of(this.jobRepository.getJobExecution(execution)).counts());
		// the cache-refresh counts are the run's, not the feed's: a restarted refresh counts what it wrote itself
		counts.keySet().removeIf(key -> key.startsWith("cache."));
		return counts;
	}

}
