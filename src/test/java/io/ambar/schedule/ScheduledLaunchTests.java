package io.ambar.schedule;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import io.ambar.ops.AmbarInstance;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch of a fire time that may have been launched before: the run of a fire time is one job instance, and a
 * second launch never makes a second effective run of it.
 */
@ScheduleTest
class ScheduledLaunchTests {

	private static final Instant FIRE_TIME = Instant.parse("2026-11-30T02:00:00Z");

	@Autowired
	ApplicationContext context;

	@Autowired
	ScheduledLaunch launch;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	AmbarInstance instance;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	JobParameters parameters;

	@BeforeEach
	void aScheduledFireTime() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
		StockTestData.seedProducts(this.fixture.jdbc, 2);
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"), List.of(StockTestData.sku(1) + ",4"));
		Schedule schedule = new Schedule("nightly", "stock-update", "0 0 2 * * ?", java.time.ZoneOffset.UTC,
				java.util.Map.of("file", feed.toString()), null, Schedule.Misfire.SKIP, null, Schedule.Overlap.FORBID,
				true);
		this.parameters = this.launch.parameters(schedule, FIRE_TIME);
	}

	@Test
	void runsAFireTimeOnceAndFindsItRanWhenLaunchedAgain() throws Exception {
		ScheduledLaunch.Outcome first = launch();
		ScheduledLaunch.Outcome second = launch();

		assertThat(first.result()).isEqualTo(ScheduledLaunch.Result.RAN);
		assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.result()).isEqualTo(ScheduledLaunch.Result.ALREADY_RAN);
		assertThat(second.execution().getId()).isEqualTo(first.execution().getId());
		assertThat(this.fixture.runs("nightly")).hasSize(1);
		assertThat(first.execution().getJobParameters().getString("as-of")).isEqualTo("2026-11-30T02:00:00Z");
	}

	@Test
	void restartsAFailedOrStoppedRunOfTheFireTime() throws Exception {
		JobExecution stopped = execution(BatchStatus.STOPPED);

		ScheduledLaunch.Outcome outcome = launch();

		assertThat(outcome.result()).isEqualTo(ScheduledLaunch.Result.RAN);
		assertThat(outcome.execution().getJobInstanceId()).isEqualTo(stopped.getJobInstanceId());
		assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void leavesARunThatIsAliveElsewhereToItsNode() throws Exception {
		JobExecution running = execution(BatchStatus.STARTED);
		recordOwner(running, "elsewhere", 4242, "now()");

		ScheduledLaunch.Outcome outcome = launch();

		assertThat(outcome.result()).isEqualTo(ScheduledLaunch.Result.RUNNING_ELSEWHERE);
		assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void marksARunWhoseNodeIsGoneFailedAndResumesIt() throws Exception {
		JobExecution orphaned = execution(BatchStatus.STARTED);
		recordOwner(orphaned, "elsewhere", 4242, "now() - interval '5 minutes'");

		ScheduledLaunch.Outcome outcome = launch();

		assertThat(outcome.result()).isEqualTo(ScheduledLaunch.Result.RAN);
		assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.fixture.runs("nightly")).extracting(ScheduleFixture.Run::status)
			.containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void deletesAnInstanceThatALaunchLeftWithoutAnExecutionAndRunsTheFireTime() throws Exception {
		// the launch that created it died before storing its execution
		this.jobRepository.createJobInstance("stock-update", this.parameters);

		ScheduledLaunch.Outcome outcome = launch();

		assertThat(outcome.result()).isEqualTo(ScheduledLaunch.Result.RAN);
		assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.fixture.runs("nightly")).hasSize(1);
	}

	private ScheduledLaunch.Outcome launch() throws Exception {
		return this.launch.launch(this.stockUpdateJob, this.parameters, Duration.ZERO, () -> false);
	}

	/** The fire time's run, left with the status as a stopped or crashed process leaves it. */
	private JobExecution execution(BatchStatus status) {
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", this.parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, this.parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		if (!status.isRunning()) {
			execution.setEndTime(LocalDateTime.now());
		}
		execution.setStatus(status);
		this.jobRepository.update(execution);
		return execution;
	}

	private void recordOwner(JobExecution execution, String host, long pid, String heartbeat) {
		UUID owner = UUID.randomUUID();
		this.fixture.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, process_started_at, heartbeat_at)"
				+ " VALUES (?, ?, ?, ?, " + heartbeat + ")")
			.params(owner, host, pid, Timestamp.from(Instant.now()))
			.update();
		this.fixture.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
			.params(execution.getId(), owner)
			.update();
	}

}
