package io.ambar.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.ambar.ChildJvms;
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
 * Restarts of one failed execution from two other processes and from threads of this one, all at once, make one
 * new execution: the others are refused and change nothing.
 */
@SpringBootTest(properties = "ambar.stock.apply-chunk-size=100")
class ConcurrentRestartIT {

	private static final int PRODUCTS = 40_000;

	private static final Path WORK = Path.of("target", "restart-it");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches launches;

	@Autowired
	JobRestarts restarts;

	@Autowired
	Environment environment;

	private ChildJvms children;

	@BeforeEach
	void catalogue() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE run_slot").update();
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--ambar.stock.apply-chunk-size=100");
	}

	@AfterEach
	void cleanUp() {
		this.children.close();
		this.jdbc.sql("DROP TRIGGER IF EXISTS refuse_last ON products").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS refuse_last()").update();
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void restartsFromTwoNodesAndSeveralThreadsAtOnceMakeOneNewExecution() throws Exception {
		long failed = failedExecution();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(3);
		List<Future<String>> local = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			local.add(threads.submit(() -> {
				go.await();
				try {
					return "restarted " + this.restarts.restart(failed, Actor.cli(), true).execution().getId();
				}
				catch (OperationException ex) {
					return ex.kind().name();
				}
			}));
		}
		Process first = this.children.start("restart", String.valueOf(failed));
		Process second = this.children.start("restart", String.valueOf(failed));
		// the threads go when the other processes' restarts are about to begin
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> !first.isAlive()
				|| !second.isAlive() || this.children.output(first).contains("Embedded") || started(failed));
		go.countDown();

		List<String> outcomes = new ArrayList<>();
		for (Future<String> outcome : local) {
			outcomes.add(outcome.get());
		}
		threads.shutdown();
		int firstExit = this.children.awaitExit(first, Duration.ofSeconds(120));
		int secondExit = this.children.awaitExit(second, Duration.ofSeconds(120));

		List<Long> executions = this.jdbc.sql("SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id ="
				+ " (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?) ORDER BY 1")
			.param(failed)
			.query(Long.class)
			.list();
		assertThat(executions).as("the failed execution and exactly one restart").hasSize(2);
		JobExecution restarted = this.jobRepository.getJobExecution(executions.get(1));
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long winners = outcomes.stream().filter(outcome -> outcome.startsWith("restarted")).count()
				+ ((firstExit == 0) ? 1 : 0) + ((secondExit == 0) ? 1 : 0);
		assertThat(winners).as("threads %s, processes exited %d and %d", outcomes, firstExit, secondExit).isOne();
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE stock_quantity <> 7").query(Long.class).single())
			.isZero();
	}

	private boolean started(long failed) {
		return this.jdbc.sql("SELECT count(*) > 1 FROM batch_job_execution WHERE job_instance_id ="
				+ " (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)")
			.param(failed)
			.query(Boolean.class)
			.single();
	}

	/** A stock-update that failed on its last product, every other one applied. */
	private long failedExecution() throws Exception {
		Files.createDirectories(WORK);
		List<String> lines = new ArrayList<>();
		for (int n = 1; n <= PRODUCTS; n++) {
			lines.add(StockTestData.sku(n) + ",7");
		}
		Path feed = StockTestData.writeFeed(WORK.resolve("stock.csv").toAbsolutePath(), lines);
		this.jdbc.sql("""
				CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.sku = '%s' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$"""
			.formatted(StockTestData.sku(PRODUCTS))).update();
		this.jdbc.sql("CREATE TRIGGER refuse_last BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_last()")
			.update();
		JobExecution execution = this.launches.start(this.launches.prepare("stock-update",
				java.util.Map.of("file", feed.toString()), Actor.cli()), Actor.cli(), true);
		this.jdbc.sql("DROP TRIGGER refuse_last ON products").update();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		return execution.getId();
	}

}
