package io.ambar.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server's SIGTERM asks the runs of its JVM to stop: they end STOPPED at a boundary and restart, and a stop that
 * meets a run at its very end never leaves it STOPPING or fails its last update.
 */
@SpringBootTest
class GracefulShutdownTests {

	@Autowired
	JobRepository jobRepository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	ExecutionOwners owners;

	@Autowired
	JdbcClient jdbc;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	@AfterEach
	void clean() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aRunAskedToStopEndsStoppedAtItsNextBoundaryAndItsRestartDoesTheRest() throws Exception {
		CountDownLatch inFirst = new CountDownLatch(1);
		CountDownLatch letFirstEnd = new CountDownLatch(1);
		List<String> ran = new CopyOnWriteArrayList<>();
		Job job = job("graceful-stop", step("first", () -> {
			ran.add("first");
			inFirst.countDown();
			letFirstEnd.await(30, TimeUnit.SECONDS);
		}), step("second", () -> ran.add("second")));
		JobParameters parameters = new JobParametersBuilder().addLong("run.id", System.nanoTime()).toJobParameters();
		Future<JobExecution> run = this.threads.submit(() -> this.jobOperator.start(job, parameters));
		assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();

		GracefulShutdown shutdown = new GracefulShutdown(this.owners, new ServerSettings(Duration.ofSeconds(30)));
		Future<?> stopping = this.threads.submit((Runnable) shutdown::stop);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.owners.running().stream().anyMatch(e -> e.getStatus() == BatchStatus.STOPPING));
		assertThat(stopping).isNotDone();
		// asked in memory only: the row is the job's to write, since a write from here can land between the job's
		// version check and its own update, fail that update and leave the run STOPPING (the race the stress test
		// below looks for; it does not reproduce it at will)
		assertThat(this.jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
			.param(this.owners.running().iterator().next().getId())
			.query(String.class)
			.single()).isEqualTo("STARTED");
		letFirstEnd.countDown();
		stopping.get(30, TimeUnit.SECONDS);

		JobExecution stopped = run.get(30, TimeUnit.SECONDS);
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.jobRepository.getJobExecution(stopped.getId()).getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(ran).containsExactly("first");

		// the tasklet that was running ended STOPPED, so it runs again: Ambar's tasklets are idempotent
		JobExecution restarted = this.jobOperator.start(job, parameters);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(ran).containsExactly("first", "first", "second");
	}

	@Test
	void aStopThatMeetsARunAtItsEndLeavesItCompletedOrStoppedAndItsLastUpdateWritten() throws Exception {
		Job job = job("graceful-end", step("one", () -> {
		}), step("two", () -> {
		}), step("three", () -> {
		}));
		for (int i = 0; i < 40; i++) {
			JobParameters parameters = new JobParametersBuilder().addLong("run.id", System.nanoTime()).toJobParameters();
			Future<JobExecution> run = this.threads.submit(() -> this.jobOperator.start(job, parameters));
			JobExecution running = null;
			while (running == null && !run.isDone()) {
				running = this.owners.running().stream().findFirst().orElse(null);
			}
			if (running != null) {
				// anywhere from the first step to after the job's last update: the race is what is tested
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(3_000_000));
				this.owners.askToStop(running);
			}

			JobExecution ended = run.get(30, TimeUnit.SECONDS);
			assertThat(ended.getStatus()).isIn(BatchStatus.COMPLETED, BatchStatus.STOPPED);
			assertThat(this.jobRepository.getJobExecution(ended.getId()).getStatus()).isEqualTo(ended.getStatus());
			await().atMost(Duration.ofSeconds(10)).until(() -> this.owners.running().isEmpty());
		}
	}

	private Job job(String name, Step first, Step... more) {
		var builder = new JobBuilder(name, this.jobRepository).start(first);
		for (Step step : more) {
			builder = builder.next(step);
		}
		return builder.listener(this.owners).build();
	}

	private Step step(String name, Work work) {
		return new StepBuilder(name, this.jobRepository).tasklet((contribution, chunk) -> {
			work.run();
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

	@FunctionalInterface
	private interface Work {

		void run() throws Exception;

	}

}
