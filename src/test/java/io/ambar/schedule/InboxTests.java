package io.ambar.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import io.ambar.ops.AmbarInstance;
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
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inbox schedules with real Quartz: each firing runs the files that have arrived, one run each in name order, and
 * moves them to processed/ or failed/ with the execution id; files still being written stay; a file whose run
 * ended but was not moved (the process died in between) is moved, not run again.
 */
@ScheduleTest
class InboxTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	ScheduleService schedules;

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

	Path inbox;

	@BeforeEach
	void inboxSchedule() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir.resolve("jobs"));
		this.fixture.clean();
		StockTestData.seedProducts(this.fixture.jdbc, 3);
		this.inbox = Files.createDirectories(this.dir.resolve("inbox"));
		this.fixture.write("stock-inbox", """
				job: stock-update
				cron: "0 0 0 1 1 ? 2099"
				inbox: %s
				parameters: { max-reject-ratio: 0.5 }
				""".formatted(this.inbox));
		this.fixture.reconcile();
		this.fixture.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.fixture.clean();
	}

	@Test
	void runsArrivedFilesInNameOrderAndMovesThemToProcessedOrFailed() throws Exception {
		Path first = arrived("a-first.csv", StockTestData.sku(1) + ",5");
		Path bad = arrived("b-bad.csv", StockTestData.sku(2) + ",-1", StockTestData.sku(3) + ",x");
		Path last = arrived("c-last.csv", StockTestData.sku(1) + ",6", StockTestData.sku(3) + ",9");

		this.schedules.trigger("stock-inbox");

		Path processed = this.inbox.resolve("processed");
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(processed) && files(processed).size() == 2);
		List<ScheduleFixture.Run> runs = this.fixture.runs("stock-inbox");
		assertThat(runs).extracting(ScheduleFixture.Run::status).containsExactly("COMPLETED", "FAILED", "COMPLETED");
		assertThat(files(processed)).containsExactly("a-first." + runs.get(0).id() + ".csv",
				"c-last." + runs.get(2).id() + ".csv");
		assertThat(files(this.inbox.resolve("failed"))).containsExactly("b-bad." + runs.get(1).id() + ".csv");
		assertThat(first).doesNotExist();
		assertThat(bad).doesNotExist();
		assertThat(last).doesNotExist();
		// each run's as-of is its file's modification time, and the last file's lines are the newest
		assertThat(stock()).containsExactly(6, 10, 9);
	}

	@Test
	void leavesFilesStillBeingWrittenAlone() throws Exception {
		Path part = arrived("a.csv.part", StockTestData.sku(1) + ",1");
		Path tmp = arrived("b.tmp", StockTestData.sku(1) + ",2");
		Path hidden = arrived(".c.csv", StockTestData.sku(1) + ",3");
		Path fresh = StockTestData.writeFeed(this.inbox.resolve("d-fresh.csv"), List.of(StockTestData.sku(1) + ",4"));
		Files.setLastModifiedTime(fresh, FileTime.from(this.fixture.clock.instant().minusSeconds(1)));
		Path ready = arrived("z-ready.csv", StockTestData.sku(2) + ",8");

		this.schedules.trigger("stock-inbox");

		// the firing takes files in name order: once the last is processed, it has passed over the others
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.notExists(ready));
		assertThat(part).exists();
		assertThat(tmp).exists();
		assertThat(hidden).exists();
		assertThat(fresh).exists();
		assertThat(this.fixture.runs("stock-inbox")).hasSize(1);
		assertThat(stock()).containsExactly(10, 8, 10);
	}

	@Test
	void movesAFileWhoseRunCompletedBeforeTheProcessDiedWithoutRunningItAgain() throws Exception {
		Path file = arrived("stock.csv", StockTestData.sku(1) + ",5");
		// the run of an earlier firing completed; its process died before moving the file
		JobExecution completed = this.jobOperator.start(this.stockUpdateJob, parameters(file));
		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		this.schedules.trigger("stock-inbox");

		Path moved = this.inbox.resolve("processed/stock." + completed.getId() + ".csv");
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(moved));
		assertThat(file).doesNotExist();
		assertThat(this.fixture.runs("stock-inbox")).extracting(ScheduleFixture.Run::id)
			.containsExactly(completed.getId());
	}

	@Test
	void resumesTheRunOfAFileWhoseProcessDiedDuringItAndMovesTheFile() throws Exception {
		Path file = arrived("stock.csv", StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",6");
		// an earlier firing's run, left STARTED by a process that is gone
		JobParameters parameters = parameters(file);
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", parameters);
		JobExecution crashed = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		crashed.setStartTime(LocalDateTime.now());
		crashed.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(crashed);
		recordDeadOwner(crashed);

		this.schedules.trigger("stock-inbox");

		List<ScheduleFixture.Run> runs = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("stock-inbox"), all -> all.size() == 2 && all.get(1).end() != null);
		assertThat(runs).extracting(ScheduleFixture.Run::status).containsExactly("FAILED", "COMPLETED");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(this.inbox.resolve("processed/stock." + runs.get(1).id() + ".csv")));
		assertThat(stock()).containsExactly(5, 6, 10);
	}

	/** A feed that arrived a minute ago. */
	private Path arrived(String name, String... lines) throws Exception {
		Path file = StockTestData.writeFeed(this.inbox.resolve(name), List.of(lines));
		Files.setLastModifiedTime(file, FileTime.from(this.fixture.clock.instant().minusSeconds(60)));
		return file;
	}

	/** The parameters an earlier firing gave the file's run. */
	private JobParameters parameters(Path file) throws Exception {
		Schedule schedule = Schedule.fromData("stock-inbox",
				this.fixture.scheduler.getJobDetail(QuartzSchedules.jobKey("stock-inbox")).getJobDataMap());
		Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		return this.context.getBean(ScheduledLaunch.class)
			.parameters(schedule, Instant.parse("2026-11-30T01:00:00Z"), file, modified);
	}

	private void recordDeadOwner(JobExecution execution) throws Exception {
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		UUID owner = UUID.randomUUID();
		this.fixture.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, process_started_at) VALUES (?, ?, ?, ?)")
			.params(owner, this.instance.host(), dead.pid(), Timestamp.from(Instant.now()))
			.update();
		this.fixture.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
			.params(execution.getId(), owner)
			.update();
	}

	private static List<String> files(Path dir) throws Exception {
		try (var listing = Files.list(dir)) {
			return listing.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

	private List<Integer> stock() {
		return this.fixture.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list();
	}

}
