package io.ambar.ops.cli;

import io.ambar.ops.AmbarInstance;
import io.ambar.ops.OperationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ambar.feed.FeedParameters;
import io.ambar.stock.StockTestData;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@SpringBootTest
class RestartCommandTests {

	@Autowired
	LocalOperatorClient client;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AmbarInstance instance;

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

		int exitCode = restart(List.of(String.valueOf(failed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("stock-update execution " + (failed.getId() + 1) + ": COMPLETED");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void theEndOfARunInThisProcessWakesTheCommandThatFollowsIt() {
		long id = this.client.launch("stock-update", Map.of(FeedParameters.FILE, this.feed.toString()));

		// an hour's wait: only the run's end can end it (the timeout guards against a hang)
		assertTimeoutPreemptively(Duration.ofMinutes(2), () -> this.client.awaitChange(id, Duration.ofHours(1)));

		assertThat(this.client.execution(id).summary().status()).isEqualTo("COMPLETED");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void marksACrashedExecutionFailedAndRestartsItWhenItsProcessIsGone() throws Exception {
		JobExecution crashed = crashedExecution();
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		recordOwner(crashed, this.instance.host(), dead.pid(), Instant.now(), "now()");

		int exitCode = restart(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("marked execution " + crashed.getId() + " as FAILED: instance ")
			.contains("(pid " + dead.pid() + " on " + this.instance.host() + ") is gone: no process has pid " + dead.pid())
			.contains(": COMPLETED");
		assertThat(this.jobRepository.getJobExecution(crashed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stock()).containsExactly(5, 0, 7);
		assertThat(this.jdbc.sql("SELECT count(*) FROM execution_owner").query(Long.class).single()).isZero();
	}

	@Test
	void takesAReusedPidForADeadOwner() throws Exception {
		JobExecution crashed = crashedExecution();
		// an unrelated live process now holds the pid the dead owner had
		Process unrelated = new ProcessBuilder("sleep", "60").start();
		try {
			Instant ownerStart = unrelated.info().startInstant().orElseThrow().minus(Duration.ofHours(1));
			recordOwner(crashed, this.instance.host(), unrelated.pid(), ownerStart, "now()");

			int exitCode = restart(List.of(String.valueOf(crashed.getId())), output());

			assertThat(exitCode).isEqualTo(AmbarCommand.OK);
			assertThat(printed()).contains("is gone: pid " + unrelated.pid() + " now belongs to a process started at");
			assertThat(stock()).containsExactly(5, 0, 7);
		}
		finally {
			unrelated.destroyForcibly();
		}
	}

	@Test
	void takesAnOwnerWithTheRestartersOwnPidForDead() throws Exception {
		// in a container the restarting JVM is pid 1, as the dead one was
		JobExecution crashed = crashedExecution();
		Instant ownStart = ProcessHandle.current().info().startInstant().orElseThrow();
		recordOwner(crashed, this.instance.host(), ProcessHandle.current().pid(), ownStart.minus(Duration.ofMinutes(10)),
				"now()");

		int exitCode = restart(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("is gone: pid " + ProcessHandle.current().pid() + " now belongs to a process");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void takesAnOwnerWhoseHeartbeatIsStaleForDeadEvenIfItsProcessLives() throws Exception {
		JobExecution crashed = crashedExecution();
		Process hung = new ProcessBuilder("sleep", "60").start();
		try {
			recordOwner(crashed, this.instance.host(), hung.pid(), hung.info().startInstant().orElseThrow(),
					"now() - interval '5 minutes'");

			assertThat(restart(List.of(String.valueOf(crashed.getId())), output())).isEqualTo(AmbarCommand.OK);
			assertThat(printed()).contains("has not sent a heartbeat for 300 s");
		}
		finally {
			hung.destroyForcibly();
		}
	}

	@Test
	void restartsACrashedExecutionOfAnotherHostWhoseHeartbeatIsStale() throws Exception {
		JobExecution crashed = crashedExecution();
		recordOwner(crashed, "elsewhere", 4242, null, "now() - interval '5 minutes'");

		int exitCode = restart(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("(pid 4242 on elsewhere) has not sent a heartbeat for 300 s");
		assertThat(stock()).containsExactly(5, 0, 7);
	}

	@Test
	void restartsARunningExecutionWithoutAProcessRecord() throws Exception {
		JobExecution crashed = crashedExecution();
		this.jdbc.sql("UPDATE batch_job_execution SET last_updated = last_updated - interval '5 minutes' WHERE job_execution_id = ?")
			.param(crashed.getId())
			.update();

		int exitCode = restart(List.of(String.valueOf(crashed.getId())), output());

		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		assertThat(printed()).contains("marked execution " + crashed.getId() + " as FAILED: no process is recorded");
	}

	@Test
	void refusesAnExecutionWithoutAProcessRecordThatWasUpdatedMomentsAgo() throws Exception {
		JobExecution starting = crashedExecution();

		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> restart(List.of(String.valueOf(starting.getId())), output()))
			.withMessageContaining("has no owner recorded yet")
			.withMessageContaining("it may be starting")
			.extracting(OperationException::kind)
			.isEqualTo(OperationException.Kind.CONFLICT);
		assertThat(this.jobRepository.getJobExecution(starting.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void refusesAnExecutionWhoseProcessIsAlive() throws Exception {
		JobExecution running = crashedExecution();
		Process owner = new ProcessBuilder("sleep", "60").start();
		try {
			recordOwner(running, this.instance.host(), owner.pid(), owner.info().startInstant().orElseThrow(), "now()");

			assertThatExceptionOfType(OperationException.class)
				.isThrownBy(() -> restart(List.of(String.valueOf(running.getId())), output()))
				.withMessageContaining("execution " + running.getId() + " is running in instance ")
				.withMessageContaining("(pid " + owner.pid() + " on " + this.instance.host() + ")");
			assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
			assertThat(stock()).containsExactly(10, 10, 10);
		}
		finally {
			owner.destroyForcibly();
		}
	}

	@Test
	void refusesAnExecutionOfAnotherHostWithAFreshHeartbeat() throws Exception {
		JobExecution running = crashedExecution();
		recordOwner(running, "elsewhere", 4242, null, "now()");

		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> restart(List.of(String.valueOf(running.getId())), output()))
			.withMessageContaining("(pid 4242 on elsewhere)");
	}

	@Test
	void refusesACompletedExecution() throws Exception {
		JobExecution completed = this.jobOperator.start(this.stockUpdateJob, parameters());

		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> restart(List.of(String.valueOf(completed.getId())), output()))
			.withMessageStartingWith("execution " + completed.getId() + " is COMPLETED");
	}

	@Test
	void refusesAnUnknownOrMalformedExecutionId() throws Exception {
		assertThatExceptionOfType(OperationException.class).isThrownBy(() -> restart(List.of("999999"), output()))
			.withMessage("no job execution 999999");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> restart(List.of("twelve"), output()));
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

	/** Records another instance as the execution's owner, with the process it claims to be. */
	private void recordOwner(JobExecution execution, String host, long pid, Instant processStart, String heartbeat) {
		UUID instance = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, process_started_at, heartbeat_at)"
				+ " VALUES (?, ?, ?, ?, " + heartbeat + ")")
			.params(instance, host, pid, (processStart != null) ? Timestamp.from(processStart) : null)
			.update();
		this.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
			.params(execution.getId(), instance)
			.update();
	}

	private JobParameters parameters() {
		return new JobParametersBuilder().addString(FeedParameters.FILE, this.feed.toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters();
	}

	private List<Integer> stock() {
		return this.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list();
	}

	private int restart(List<String> args, PrintStream out) throws Exception {
		return LocalCommands.run(this.client, out, "restart", args);
	}

	private PrintStream output() {
		return new PrintStream(this.out, true, StandardCharsets.UTF_8);
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
