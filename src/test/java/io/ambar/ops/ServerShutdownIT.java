package io.ambar.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ambar.ChildJvms;
import io.ambar.QuartzTables;
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

/**
 * SIGTERM to a {@code server} child JVM during a scheduled run: the run stops at a chunk boundary and ends STOPPED,
 * left to be resumed by the next node to fire, the process exits within a bounded time, and {@code restart}
 * finishes the run exactly (every line applied or rejected once).
 * <p>
 * Slow (a child JVM, a 60,000-line feed): a failsafe suite, run by {@code mvn verify}.
 */
@SpringBootTest
class ServerShutdownIT {

	private static final int LINES = 60_000;

	private static final Path WORK = Path.of("target", "server-shutdown-it");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	@Autowired
	JobRestarts restarts;

	private ChildJvms children;

	private Path feed;

	private final Map<String, Integer> expected = new HashMap<>();

	@BeforeEach
	void catalogueFeedAndSchedule() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE ambar_schedule").update();
		QuartzTables.clear(this.jdbc, "ambar-shutdown-it");
		StockTestData.seedProducts(this.jdbc, LINES);
		List<String> lines = new ArrayList<>();
		for (int n = 1; n <= LINES; n++) {
			String sku = StockTestData.sku(n);
			if (n % 100 == 0) {
				lines.add(sku + ",-1");
				this.expected.put(sku, 10);
			}
			else {
				lines.add(sku + "," + (n * 7 % 1000));
				this.expected.put(sku, n * 7 % 1000);
			}
		}
		this.feed = StockTestData.writeFeed(WORK.resolve("stock-60k.csv").toAbsolutePath(), lines);
		Path jobs = Files.createDirectories(WORK.resolve("jobs"));
		Files.writeString(jobs.resolve("stock.yml"), """
				job: stock-update
				cron: "0/3 * * * * ?"
				parameters: { file: %s }
				""".formatted(this.feed));
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--server.port=0", "--ambar.schedule.dir=" + jobs.toAbsolutePath(),
				"--spring.quartz.scheduler-name=ambar-shutdown-it", "--ambar.stock.load-chunk-size=500",
				"--ambar.server.shutdown-timeout=60s");
	}

	@AfterEach
	void killLeftovers() {
		this.children.close();
	}

	@Test
	void sigtermStopsTheRunningJobRestartablyAndARestartFinishesItExactly() throws Exception {
		Process server = this.children.start("server");
		long execution = this.children.awaitExecutionOf(server);
		this.children.awaitStep(server, execution, "load", "STARTED", 5_000);

		server.destroy();

		this.children.awaitExit(server, Duration.ofSeconds(90));
		assertThat(this.children.output(server)).contains("Stopped executions [" + execution + "]; restartable");
		JobExecution stopped = this.jobRepository.getJobExecution(execution);
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		// and it left the fire time to be resumed by the next node to fire
		assertThat(this.jdbc.sql("SELECT trigger_name FROM qrtz_triggers WHERE sched_name = ? AND trigger_group = ?")
			.params("ambar-shutdown-it", "ambar-resume")
			.query(String.class)
			.list()).containsExactly("stock@" + stopped.getJobParameters().getString("fire-time"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')")
			.query(Integer.class)
			.single()).isZero();

		assertThat(this.restarts.restart(execution, Actor.cli(), true).execution().getStatus())
			.isEqualTo(BatchStatus.COMPLETED);

		JobExecution finished = this.jobRepository.getLastJobExecution(stopped.getJobInstance());
		assertThat(finished.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Long> counts = FeedSummary.of(finished).counts();
		assertThat(counts.get(FeedSummary.READ)).isEqualTo(LINES);
		assertThat(counts.get(FeedSummary.REJECTED)).isEqualTo(LINES / 100);
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single()).isEqualTo(LINES / 100);
		Map<String, Integer> stock = new HashMap<>();
		this.jdbc.sql("SELECT sku, stock_quantity FROM products")
			.query((rs, n) -> stock.put(rs.getString(1), rs.getInt(2)))
			.list();
		assertThat(stock).isEqualTo(this.expected);
	}


}
