package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled run that a stopping server stopped is resumed by the next node to fire: the server leaves a one-shot
 * trigger for the fire time, whose launch restarts the stopped execution instead of starting a new instance.
 */
@ScheduleTest
class StoppedRunTests {

	private static final Instant FIRE_TIME = Instant.parse("2026-11-30T02:00:00Z");

	@Autowired
	ApplicationContext context;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ScheduleStore store;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	@BeforeEach
	void schedule() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
		StockTestData.seedProducts(this.fixture.jdbc, 2);
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"), List.of(StockTestData.sku(2) + ",3"));
		this.fixture.write("nightly", """
				job: stock-update
				cron: "0 0 2 * * ?"
				parameters: { file: %s }
				""".formatted(feed));
		this.fixture.reconcile();
	}

	@AfterEach
	void stop() throws Exception {
		this.fixture.clean();
	}

	@Test
	void resumesTheStoppedRunOfAFireTimeOnTheNextNodeToFire() throws Exception {
		JobExecution stopped = stoppedRun();
		this.store.inTransaction((scheduler, jdbc) -> scheduler
			.scheduleJob(QuartzSchedules.resumeTrigger("nightly", FIRE_TIME, Instant.now())));

		this.fixture.start();

		List<ScheduleFixture.Run> runs = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("nightly"), all -> all.size() == 2 && all.get(1).end() != null);
		assertThat(runs).extracting(ScheduleFixture.Run::id).startsWith(stopped.getId());
		assertThat(runs).extracting(ScheduleFixture.Run::status).containsExactly("STOPPED", "COMPLETED");
		assertThat(runs).extracting(ScheduleFixture.Run::fireTime).containsOnly(FIRE_TIME);
		assertThat(this.fixture.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list())
			.containsExactly(10, 3);
	}

	/** The run of {@link #FIRE_TIME}, STOPPED as a stopping server leaves it. */
	private JobExecution stoppedRun() throws Exception {
		Schedule schedule = Schedule.fromData("nightly",
				this.fixture.scheduler.getJobDetail(QuartzSchedules.jobKey("nightly")).getJobDataMap());
		JobParameters parameters = this.context.getBean(ScheduledLaunch.class).parameters(schedule, FIRE_TIME);
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STOPPED);
		this.jobRepository.update(execution);
		return execution;
	}

}
