package io.ambar.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.ambar.feed.FeedParameters;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automatic recovery of orphaned executions, restarts that race, and the fence that keeps a recovered execution's
 * zombie from committing.
 */
@SpringBootTest(properties = { "ambar.stock.load-chunk-size=1", "ambar.stock.apply-chunk-size=1",
		"ambar.stock.apply-partitions=1" })
class OrphanRecoveryTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JobCatalog catalog;

	@Autowired
	ExecutionLiveness liveness;

	@Autowired
	ExecutionActions actions;

	@Autowired
	JobRestarts restarts;

	@Autowired
	JobLaunches launches;

	@Autowired
	RunningExecutions running;

	@Autowired
	ApplicationEventPublisher events;

	@TempDir
	Path dir;

	private Path feed;

	@BeforeEach
	void catalogue() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE run_slot, audit_log").update();
		StockTestData.seedProducts(this.jdbc, 3);
		this.feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",6", StockTestData.sku(3) + ",7"));
	}

	@AfterEach
	void cleanUp() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void marksAnOrphanFailedSayingWhyAndRestartsItToTheEnd() throws Exception {
		JobExecution orphan = orphan(BatchStatus.STARTED);

		recovery(3).recoverOrphans();

		JobExecution recovered = this.jobRepository.getJobExecution(orphan.getId());
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getExitStatus().getExitDescription()).contains("recovered by ambar-recovery (recovery)")
			.contains("shut down");
		JobExecution restarted = awaitEnd(lastExecutionOf(orphan));
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getExecutionContext().getLong(OrphanRecovery.ATTEMPTS)).isOne();
		assertThat(stock()).containsExactly(5, 6, 7);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'ambar-recovery' AND outcome = 'DONE'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void recoversButNoLongerRestartsAnInstanceThatUsedItsAttempts() throws Exception {
		JobExecution orphan = orphan(BatchStatus.STARTED);
		orphan.getExecutionContext().putLong(OrphanRecovery.ATTEMPTS, 2);
		this.jobRepository.updateExecutionContext(orphan);

		recovery(2).recoverOrphans();

		assertThat(this.jobRepository.getJobExecution(orphan.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(lastExecutionOf(orphan).getId()).isEqualTo(orphan.getId());
	}

	@Test
	void saysWhatRecoveryWillDoWithEachOrphanBeforeItDoesIt() throws Exception {
		JobExecution orphan = orphan(BatchStatus.STARTED);
		JobExecution tired = orphan(BatchStatus.STARTED);
		tired.getExecutionContext().putLong(OrphanRecovery.ATTEMPTS, 3);
		this.jobRepository.updateExecutionContext(tired);

		assertThat(recovery(3).plan(this.jobRepository.getJobExecution(orphan.getId())))
			.isEqualTo("marked FAILED and restarted from its last commit within about 15 s (automatic restart 1 of 3)");
		assertThat(recovery(3).plan(this.jobRepository.getJobExecution(tired.getId())))
			.isEqualTo("marked FAILED within about 15 s, not restarted here: 3 automatic restarts already,"
					+ " the most ambar.recovery.max-attempts allows");
		assertThat(this.running.orphans()).extracting(found -> found.summary().id())
			.containsExactly(tired.getId(), orphan.getId());
		assertThat(this.running.orphans().get(0).why()).contains("shut down");
	}

	@Test
	void resumesAnUnknownExecutionOfAResumableJob() throws Exception {
		JobExecution unknown = orphan(BatchStatus.UNKNOWN);

		recovery(3).recoverOrphans();

		assertThat(this.jobRepository.getJobExecution(unknown.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(awaitEnd(lastExecutionOf(unknown)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stock()).containsExactly(5, 6, 7);
	}

	@Test
	void leavesExecutionsWhoseOwnerIsAliveAlone() throws Exception {
		JobExecution running = orphan(BatchStatus.STARTED);
		this.jdbc.sql("UPDATE ambar_instance SET stopped_at = NULL, host = 'elsewhere', heartbeat_at = now()"
				+ " WHERE instance_id = (SELECT instance_id FROM execution_owner WHERE job_execution_id = ?)")
			.param(running.getId())
			.update();

		recovery(3).recoverOrphans();

		assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void concurrentRestartsOfOneFailedExecutionMakeOneNewExecution() throws Exception {
		JobExecution failed = orphan(BatchStatus.STARTED);
		this.actions.recover(failed.getId(), Actor.cli());
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Callable<String> restart = () -> {
					go.await();
					try {
						return "restarted " + this.restarts.restart(failed.getId(), Actor.cli(), false).execution().getId();
					}
					catch (OperationException ex) {
						return ex.kind().name();
					}
				};
				outcomes.add(threads.submit(restart));
			}
			go.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get());
			}

			assertThat(results).filteredOn(result -> result.startsWith("restarted")).hasSize(1);
			assertThat(results).filteredOn(result -> result.equals("CONFLICT")).hasSize(5);
		}
		finally {
			threads.shutdownNow();
		}
		awaitEnd(lastExecutionOf(failed));
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE job_instance_id = ?")
			.param(failed.getJobInstanceId())
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(stock()).containsExactly(5, 6, 7);
	}

	@Test
	void theStepVersionFencesAZombieThatComesBackAfterItsExecutionWasRecovered() throws Exception {
		JobExecution zombie;
		try (Connection lock = this.dataSource.getConnection()) {
			// the run waits in apply, its chunk for SKU 2 written but not committed, for a product the test holds
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("SELECT 1 FROM products WHERE sku = '" + StockTestData.sku(2) + "' FOR UPDATE");
			}
			zombie = this.launches.launch("stock-update", java.util.Map.of("file", this.feed.toString()), Actor.cli());
			long id = zombie.getId();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
					SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'ambar'""")
				.query(Boolean.class)
				.single());
			// another node took the process for dead and recovered the execution meanwhile
			this.jobOperator.recover(this.jobRepository.getJobExecution(id));
			lock.rollback();
		}
		JobExecution ended = awaitEnd(zombie.getId());

		// its commit failed on the step's version: Batch could not record its end either
		assertThat(ended.getStatus()).isIn(BatchStatus.FAILED, BatchStatus.UNKNOWN);
		assertThat(stockOf(StockTestData.sku(2))).as("the zombie's chunk was rolled back").isEqualTo(10);
		assertThat(stockOf(StockTestData.sku(1))).as("the chunk committed before the recovery stays").isEqualTo(5);

		if (ended.getStatus() == BatchStatus.UNKNOWN) {
			assertThat(this.actions.recover(ended.getId(), Actor.cli())).contains("was UNKNOWN, now FAILED");
		}
		JobExecution restarted = awaitEnd(this.restarts.restart(ended.getId(), Actor.cli(), false).execution().getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stock()).containsExactly(5, 6, 7);
	}

	private OrphanRecovery recovery(int maxAttempts) {
		return new OrphanRecovery(new RecoverySettings(true, Duration.ofSeconds(15), maxAttempts), this.jdbc,
				this.jobRepository, this.catalog, this.liveness, this.actions, this.restarts, this.events);
	}

	/** A stock-update execution left in the status, as a killed process leaves it, with a dead owner. */
	private JobExecution orphan(BatchStatus status) throws Exception {
		JobParameters parameters = new JobParametersBuilder().addString(FeedParameters.FILE, this.feed.toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(status);
		this.jobRepository.update(execution);
		UUID owner = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, process_started_at, stopped_at)"
				+ " VALUES (?, 'gone', 1, ?, now())")
			.params(owner, Timestamp.from(Instant.now().minusSeconds(60)))
			.update();
		this.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
			.params(execution.getId(), owner)
			.update();
		return execution;
	}

	private JobExecution lastExecutionOf(JobExecution execution) {
		return this.jobRepository.getLastJobExecution(execution.getJobInstance());
	}

	private JobExecution awaitEnd(JobExecution execution) {
		return awaitEnd(execution.getId());
	}

	private JobExecution awaitEnd(long id) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jobRepository.getJobExecution(id), e -> !e.getStatus().isRunning());
	}

	private List<Integer> stock() {
		return this.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list();
	}

	private int stockOf(String sku) {
		return this.jdbc.sql("SELECT stock_quantity FROM products WHERE sku = ?").param(sku).query(Integer.class).single();
	}

}
