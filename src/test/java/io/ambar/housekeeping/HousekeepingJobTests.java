package io.ambar.housekeeping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSummary;
import io.ambar.ops.Actor;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.OperationException;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The housekeeping job on a real repository: what it deletes, what it always keeps, and that a run that fails midway
 * finishes on restart. Every test owns the clock: runs are seeded days before {@code now}, and housekeeping is
 * launched with {@code launched-at=now}, which its ages count back from.
 */
@SpringBootTest(properties = { "ambar.housekeeping.chunk-size=2",
		"ambar.housekeeping.inbox-dirs=target/housekeeping-tests/inbox,target/housekeeping-tests/linked-inbox" })
class HousekeepingJobTests {

	private static final Path ROOT = Path.of("target", "housekeeping-tests");

	@Autowired
	JobLaunches launches;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	Job housekeepingJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	private Instant now;

	private PastRuns runs;

	@BeforeEach
	void cleanSlate() throws IOException {
		cleanUp();
		this.now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.runs = new PastRuns(this.jobRepository, this.jdbc, this.now);
	}

	@AfterEach
	void cleanUp() throws IOException {
		this.jdbc.sql("DROP TRIGGER IF EXISTS fail_after_two_chunks ON batch_job_instance").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS fail_after_two_chunks()").update();
		this.jdbc.sql("DROP SEQUENCE IF EXISTS deleted_instances").update();
		StockTestData.clean(this.jdbc, this.jobRepository);
		// instances that other tests' launches left without an execution (a launch refused after creating one)
		this.jdbc.sql("DELETE FROM batch_job_instance i WHERE NOT EXISTS (SELECT 1 FROM batch_job_execution e"
				+ " WHERE e.job_instance_id = i.job_instance_id)").update();
		this.jdbc.sql("TRUNCATE run_slot, audit_log").update();
		FileSystemUtils.deleteRecursively(ROOT);
	}

	@Test
	void keepsTheLatestExecutionOfEachJobAndWhatCanStillRunAndDeletesTheRestPastItsAge() throws IOException {
		PastRuns.Run applied = this.runs.of("stock-update").completed(200).rejects(2, 200).applied(200).staging("stock").ownerAndSlot();
		PastRuns.Run restarted = this.runs.of("stock-update").failed(150).completed(120);
		PastRuns.Run abandoned = this.runs.of("stock-update").execution(BatchStatus.ABANDONED, 110).staging("stock", "_apply");
		PastRuns.Run failed = this.runs.of("stock-update").failed(100).rejects(3, 100).staging("stock", "_apply", "_repeats");
		PastRuns.Run stopped = this.runs.of("stock-update").execution(BatchStatus.STOPPED, 99);
		PastRuns.Run unknown = this.runs.of("stock-update").execution(BatchStatus.UNKNOWN, 98);
		PastRuns.Run running = this.runs.of("stock-update").execution(BatchStatus.STARTED, 97).staging("stock");
		PastRuns.Run latestStock = this.runs.of("stock-update").completed(95).rejects(1, 95).applied(95);
		PastRuns.Run oldProducts = this.runs.of("product-sync").completed(300).staging("product");
		PastRuns.Run latestProducts = this.runs.of("product-sync").completed(200);
		PastRuns.Run recent = this.runs.of("cache-warm").completed(40).rejects(2, 35);
		PastRuns.Run justEnded = this.runs.of("cache-warm").completed(2).staging("product");
		this.jdbc.sql("CREATE TABLE stage_stock_999999999 (sku text)").update();
		audit(400, 364);

		JobExecution housekeeping = housekeeping(Map.of());

		assertThat(housekeeping.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(instances()).containsExactlyInAnyOrder(failed.id(), stopped.id(), unknown.id(), running.id(),
				latestStock.id(), latestProducts.id(), recent.id(), justEnded.id());
		assertThat(executionsOf(restarted.executions())).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM execution_owner WHERE job_execution_id = ?")
			.param(applied.lastExecution())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM run_slot").query(Long.class).single()).isZero();
		assertThat(rejectsByInstance()).containsExactly(entry(failed.id(), 3L));
		assertThat(this.jdbc.sql("SELECT job_instance_id FROM feed_application").query(Long.class).list())
			.containsExactly(latestStock.id());
		assertThat(stagingTables()).containsExactlyInAnyOrder("stage_stock_" + failed.id(), "stage_stock_" + failed.id() + "_apply",
				"stage_stock_" + failed.id() + "_repeats", "stage_stock_" + running.id(), "stage_product_" + justEnded.id());
		assertThat(auditDaysAgo()).containsExactly(364L, 0L);
		assertThat(FeedSummary.of(housekeeping).counts()).containsExactly(entry(HousekeepingJobConfiguration.AUDIT, 1L),
				entry(HousekeepingJobConfiguration.EXECUTIONS, 5L), entry(HousekeepingJobConfiguration.INBOX_FILES, 0L),
				entry(HousekeepingJobConfiguration.REJECTS, 5L), entry(HousekeepingJobConfiguration.STAGING, 5L));
		assertThat(abandoned.id()).isNotIn(instances());
		assertThat(oldProducts.id()).isNotIn(instances());
	}

	@Test
	void deletesOldProcessedInboxFilesAndNothingOutsideTheDirectory() throws IOException {
		Path processed = Files.createDirectories(ROOT.resolve("inbox").resolve("processed"));
		Path old = file(processed.resolve("stock-2026-01-01.csv.17"), 31);
		Path young = file(processed.resolve("stock-2026-03-01.csv.42"), 29);
		Path inSubdirectory = file(processed.resolve("archive").resolve("old.csv"), 400);
		Path notProcessed = file(ROOT.resolve("inbox").resolve("waiting.csv"), 400);
		Path outside = file(this.dir.resolve("outside.csv"), 400);
		Path link = Files.createSymbolicLink(processed.resolve("link.csv"), outside.toAbsolutePath());
		Path linkedDirectory = Files.createSymbolicLink(processed.resolve("elsewhere"), this.dir.toAbsolutePath());
		Path elsewhere = Files.createDirectories(this.dir.resolve("elsewhere-processed"));
		Path behindLinkedProcessed = file(elsewhere.resolve("old.csv"), 400);
		Files.createDirectories(ROOT.resolve("linked-inbox"));
		Files.createSymbolicLink(ROOT.resolve("linked-inbox").resolve("processed"), elsewhere.toAbsolutePath());

		JobExecution housekeeping = housekeeping(Map.of());

		assertThat(housekeeping.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(old).doesNotExist();
		assertThat(Stream.of(young, inSubdirectory, notProcessed, outside, behindLinkedProcessed)).allMatch(Files::exists);
		assertThat(Stream.of(link, linkedDirectory)).allMatch(Files::isSymbolicLink);
		assertThat(FeedSummary.of(housekeeping).get(HousekeepingJobConfiguration.INBOX_FILES)).isOne();
	}

	@Test
	void aFailedRunKeptByHousekeepingStillRestartsToTheEnd() throws Exception {
		StockTestData.seedProducts(this.jdbc, 3);
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",6", "NOPE-1,1", StockTestData.sku(3) + ",7"));
		JobExecution failed = stockUpdateWithReadOnlyCatalogue(feed);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		backdate(failed, 100);
		this.runs.of("stock-update").completed(95);
		List<String> staging = stagingTables();

		housekeeping(Map.of());

		assertThat(stagingTables()).isEqualTo(staging).isNotEmpty();
		assertThat(rejectsByInstance()).containsExactly(entry(failed.getJobInstanceId(), 1L));
		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(failed.getId()));
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list())
			.containsExactly(5, 6, 7);
		assertThat(FeedSummary.of(restarted).get(FeedSummary.REJECTED)).isOne();
	}

	@Test
	void aDryRunCountsWhatARunDeletesAndDeletesNothing() {
		this.runs.of("stock-update").completed(200).rejects(2, 200).staging("stock");
		this.runs.of("stock-update").failed(150).completed(120);
		this.runs.of("stock-update").completed(95).rejects(1, 95);
		audit(400);
		List<Long> instances = instances();

		JobExecution dryRun = housekeeping(Map.of(HousekeepingParameters.DRY_RUN, "true"));

		assertThat(dryRun.getExitStatus().getExitCode()).isEqualTo(DryRunExit.DRY_RUN);
		assertThat(instances()).isEqualTo(instances);
		Map<String, Long> counted = FeedSummary.of(dryRun).counts();
		assertThat(counted).containsEntry(HousekeepingJobConfiguration.EXECUTIONS, 3L)
			.containsEntry(HousekeepingJobConfiguration.REJECTS, 3L)
			.containsEntry(HousekeepingJobConfiguration.AUDIT, 1L)
			.containsEntry(HousekeepingJobConfiguration.STAGING, 1L);
		JobExecution run = housekeeping(Map.of());
		assertThat(FeedSummary.of(run).counts()).isEqualTo(counted);
	}

	@Test
	void aRunThatFailsMidwayFinishesTheRestOnRestartAndCountsEveryAttempt() throws Exception {
		List<Long> old = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			old.add(this.runs.of("stock-update").completed(200 - i).id());
		}
		PastRuns.Run latest = this.runs.of("stock-update").completed(100);
		// two chunks of two instances commit, the third fails: as if the process died there
		this.jdbc.sql("CREATE SEQUENCE deleted_instances").update();
		this.jdbc.sql("""
				CREATE OR REPLACE FUNCTION fail_after_two_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF nextval('deleted_instances') > 4 THEN RAISE EXCEPTION 'killed during housekeeping'; END IF;
				    RETURN OLD;
				END $$""").update();
		this.jdbc.sql("CREATE TRIGGER fail_after_two_chunks BEFORE DELETE ON batch_job_instance FOR EACH ROW"
				+ " EXECUTE FUNCTION fail_after_two_chunks()").update();

		JobExecution killed = housekeeping(Map.of());

		assertThat(killed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(instances()).containsExactlyElementsOf(concat(old.subList(4, 7), latest.id()));
		assertThat(FeedSummary.of(this.jobRepository.getJobExecution(killed.getId())).get(HousekeepingJobConfiguration.EXECUTIONS))
			.isEqualTo(4);
		this.jdbc.sql("DROP TRIGGER fail_after_two_chunks ON batch_job_instance").update();

		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(killed.getId()));

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(instances()).containsExactly(latest.id());
		assertThat(FeedSummary.of(restarted).get(HousekeepingJobConfiguration.EXECUTIONS)).isEqualTo(7);
	}

	@Test
	void refusesAParameterItDoesNotKnowRatherThanDeleteForReal() {
		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> this.launches.prepare("housekeeping", Map.of("dryrun", "true"), Actor.cli()))
			.withMessageContaining("unknown parameter 'dryrun'");
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> this.jobOperator.start(this.housekeepingJob,
					new JobParametersBuilder().addString("dryrun", "true").toJobParameters()))
			.withMessageContaining("dryrun");
	}

	private JobExecution housekeeping(Map<String, String> parameters) {
		Map<String, String> given = new HashMap<>(parameters);
		given.put(FeedParameters.LAUNCHED_AT, this.now.toString());
		Actor actor = Actor.cli();
		return this.launches.start(this.launches.prepare("housekeeping", given, actor), actor, true);
	}

	private JobExecution stockUpdateWithReadOnlyCatalogue(Path feed) throws Exception {
		this.jdbc.sql("""
				CREATE OR REPLACE FUNCTION refuse_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'catalogue is read-only'; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_stock_change BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_stock_change()")
			.update();
		try {
			return this.jobOperator.start(this.stockUpdateJob,
					new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
						.addLong(FeedParameters.RUN_ID, System.nanoTime())
						.addString(FeedParameters.MAX_REJECT_RATIO, "1", false)
						.toJobParameters());
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_stock_change ON products").update();
			this.jdbc.sql("DROP FUNCTION refuse_stock_change()").update();
		}
	}

	/** Moves a real execution, its rejects and its claim that many days back. */
	private void backdate(JobExecution execution, int days) {
		Instant then = this.runs.daysAgo(days);
		this.jdbc.sql("""
				UPDATE batch_job_execution SET create_time = :at, start_time = :at, end_time = :at, last_updated = :at
				WHERE job_execution_id = :id""").param("at", PastRuns.local(then)).param("id", execution.getId()).update();
		this.jdbc.sql("UPDATE feed_reject SET created_at = ? WHERE job_instance_id = ?")
			.params(Timestamp.from(then), execution.getJobInstanceId())
			.update();
	}

	private void audit(int... daysAgo) {
		for (int days : daysAgo) {
			this.jdbc.sql("INSERT INTO audit_log (at, actor, channel, action, target, outcome) VALUES (?, 'ops', 'cli', 'launch', 'stock-update', 'DONE')")
				.param(Timestamp.from(this.runs.daysAgo(days)))
				.update();
		}
	}

	/** How many days back each audit row is, oldest first; the launch of housekeeping itself is the 0. */
	private List<Long> auditDaysAgo() {
		return this.jdbc.sql("SELECT floor(extract(epoch FROM CAST(? AS timestamptz) - at) / 86400)::bigint FROM audit_log ORDER BY at")
			.param(Timestamp.from(this.now.plusSeconds(60)))
			.query(Long.class)
			.list();
	}

	private List<Long> instances() {
		return this.jdbc.sql("SELECT job_instance_id FROM batch_job_instance WHERE job_name <> 'housekeeping' ORDER BY 1")
			.query(Long.class)
			.list();
	}

	private long executionsOf(List<Long> executions) {
		return this.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = ANY(?)")
			.param(executions.stream().mapToLong(Long::longValue).toArray())
			.query(Long.class)
			.single();
	}

	private Map<Long, Long> rejectsByInstance() {
		Map<Long, Long> rejects = new TreeMap<>();
		this.jdbc.sql("SELECT job_instance_id, count(*) FROM feed_reject GROUP BY job_instance_id")
			.query((rs, n) -> rejects.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return rejects;
	}

	private List<String> stagingTables() {
		return this.jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'stage\\_%' ORDER BY 1")
			.query(String.class)
			.list();
	}

	private Path file(Path path, int daysOld) throws IOException {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "sku,quantity\n");
		Files.setLastModifiedTime(path, FileTime.from(this.runs.daysAgo(daysOld)));
		return path;
	}

	private static List<Long> concat(List<Long> ids, long last) {
		List<Long> all = new ArrayList<>(ids);
		all.add(last);
		return all;
	}

}
