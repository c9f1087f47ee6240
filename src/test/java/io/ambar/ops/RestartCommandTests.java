package io.ambar.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import io.ambar.feed.FeedParameters;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class RestartCommandTests {

	@Autowired
	RestartCommand restart;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	Path feed;

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	@BeforeEach
	void cleanCatalogueAndFeed() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 3);
		this.feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",0", StockTestData.sku(3) + ",7"));
	}

	@Test
	void restartsAFailedExecutionAndRunsItToTheEnd() throws Exception {
		this.jdbc.sql("""
				CREATE FUNCTION refuse_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'catalogue is read-only'; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_stock_change BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_stock_change()")
			.update();
		JobExecution failed;
		try {
			failed = this.jobOperator.start(this.stockUpdateJob, parameters());
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_stock_change ON products").update();
			this.jdbc.sql("DROP FUNCTION refuse_stock_change()").update();
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		int exitCode = this.restart.run(List.of(String.valueOf(failed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("stock-update execution " + (failed.getId() + 1) + ": COMPLETED");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void marksACrashedExecutionFailedAndRestartsItWhenItsProcessIsGone() throws Exception {
		JobExecution crashed = crashedExecution();
		long deadPid = deadProcessId();
		recordProcess(crashed, JobProcessRecorder.host(), deadPid, "now()");

		int exitCode = this.restart.run(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("marked execution " + crashed.getId() + " as FAILED: process " + deadPid
				+ " on host " + JobProcessRecorder.host() + " is gone")
			.contains(": COMPLETED");
		assertThat(this.jobRepository.getJobExecution(crashed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stock()).containsExactly(5, 0, 7);
		assertThat(this.jdbc.sql("SELECT count(*) FROM job_process").query(Long.class).single()).isZero();
	}

	@Test
	void restartsACrashedExecutionOfAnotherHostWhoseHeartbeatIsStale() throws Exception {
		JobExecution crashed = crashedExecution();
		recordProcess(crashed, "elsewhere", 4242, "now() - interval '5 minutes'");

		int exitCode = this.restart.run(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("process 4242 on host elsewhere is gone");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void restartsARunningExecutionWithoutAProcessRecord() throws Exception {
		JobExecution crashed = crashedExecution();
		this.jdbc.sql("UPDATE batch_job_execution SET last_updated = last_updated - interval '5 minutes' WHERE job_execution_id = ?")
			.param(crashed.getId())
			.update();

		int exitCode = this.restart.run(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("marked execution " + crashed.getId() + " as FAILED: no process is recorded");
	}

	@Test
	void refusesAnExecutionWithoutAProcessRecordThatWasUpdatedMomentsAgo(CapturedOutput output) throws Exception {
		JobExecution starting = crashedExecution();

		assertThat(this.restart.run(List.of(String.valueOf(starting.getId())), output())).isEqualTo(AmbarCommand.FAILED);
		assertThat(output.getErr()).contains("has no process record yet").contains("it may be starting");
		assertThat(this.jobRepository.getJobExecution(starting.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void refusesAnExecutionWhoseProcessIsAlive(CapturedOutput output) throws Exception {
		JobExecution running = crashedExecution();
		long pid = ProcessHandle.current().pid();
		recordProcess(running, JobProcessRecorder.host(), pid, "now()");

		int exitCode = this.restart.run(List.of(String.valueOf(running.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.FAILED);
		assertThat(output.getErr()).contains("execution " + running.getId() + " is still running in pid " + pid
				+ " on host " + JobProcessRecorder.host());
		assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
		assertThat(stock()).containsExactly(10, 10, 10);
	}

	@Test
	void refusesAnExecutionOfAnotherHostWithAFreshHeartbeat(CapturedOutput output) throws Exception {
		JobExecution running = crashedExecution();
		recordProcess(running, "elsewhere", 4242, "now()");

		assertThat(this.restart.run(List.of(String.valueOf(running.getId())), output())).isEqualTo(AmbarCommand.FAILED);
		assertThat(output.getErr()).contains("is still running in pid 4242 on host elsewhere");
	}

	@Test
	void refusesACompletedExecutionAsAUsageError() throws Exception {
		JobExecution completed = this.jobOperator.start(this.stockUpdateJob, parameters());

		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> this.restart.run(List.of(String.valueOf(completed.getId())), output()))
			.withMessageStartingWith("execution " + completed.getId() + " is COMPLETED");
	}

	@Test
	void refusesAnUnknownOrMalformedExecutionId() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> this.restart.run(List.of("999999"), output()))
			.withMessage("no job execution 999999");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> this.restart.run(List.of("twelve"), output()));
	}

	/** An execution left STARTED, as a killed process leaves it. */
	private JobExecution crashedExecution() throws Exception {
		JobParameters parameters = parameters();
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(execution);
		return execution;
	}

	private void recordProcess(JobExecution execution, String host, long pid, String heartbeat) {
		this.jdbc.sql("INSERT INTO job_process (job_execution_id, host, pid, heartbeat_at) VALUES (?, ?, ?, " + heartbeat + ")")
			.params(execution.getId(), host, pid)
			.update();
	}

	private static long deadProcessId() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		return process.pid();
	}

	private JobParameters parameters() {
		return new JobParametersBuilder().addString(FeedParameters.FILE, this.feed.toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters();
	}

	private List<Integer> stock() {
		return this.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list();
	}

	private PrintStream output() {
		return new PrintStream(this.out, true, StandardCharsets.UTF_8);
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
