package io.ambar.catalog;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import io.ambar.feed.FeedSummary;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.ambar.catalog.CsvFeed.aFeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A process killed after a step's work committed but before the job context was saved loses what the step put
 * there, and the restart runs that step again or not at all. These tests take the counts out of the stored job
 * context as such a kill would, restart, and expect the counts of a clean run.
 */
@SpringBootTest
@SpringBatchTest
class ProductSyncRestartTests {

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	JobRepositoryTestUtils repository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job productSyncJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	private ProductSyncRuns sync;

	@BeforeEach
	void startClean() throws Exception {
		this.jobs.setJob(this.productSyncJob);
		this.sync = new ProductSyncRuns(this.jobs);
		cleanUp();
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "1.00")
			.product("C-3", "Chisel", "1.00")
			.writeTo(this.dir));
	}

	// the database is shared with other test classes: leave it as empty as found
	@AfterEach
	void cleanUp() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS refuse_write ON products").update();
		this.jdbc.sql("DROP TRIGGER IF EXISTS refuse_write ON feed_application").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS refuse_write()").update();
		this.repository.removeJobExecutions();
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application").update();
	}

	@Test
	void countsTheSameAfterARestartThatLostTheJobContextAndRerunsTheClassifyStep() throws Exception {
		refuse("INSERT OR UPDATE", "products");
		JobExecution failed = this.sync.run(changesOfEveryKind(), "mode", "full", "max-reject-ratio", "1",
				"max-deactivate-ratio", "1");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		loseCounts(failed, key -> true);
		markFailed(failed, "classify");
		allowWrites("products");

		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(failed.getId()));

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertCountsOfChangesOfEveryKind(restarted);
	}

	@Test
	void countsTheSameAfterARestartThatLostTheJobContextAfterApplyAndDeactivate() throws Exception {
		// the claim is written by fingerprint; marking it applied, in finish, fails
		refuse("UPDATE", "feed_application");
		JobExecution failed = this.sync.run(changesOfEveryKind(), "mode", "full", "max-reject-ratio", "1",
				"max-deactivate-ratio", "1");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getStepExecutions()).filteredOn(step -> step.getStepName().equals("deactivate"))
			.singleElement()
			.extracting(StepExecution::getStatus)
			.isEqualTo(BatchStatus.COMPLETED);
		loseCounts(failed, key -> !key.startsWith("summary.read") && !key.startsWith("summary.rejected")
				&& !key.startsWith("summary.superseded"));
		allowWrites("feed_application");

		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(failed.getId()));

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertCountsOfChangesOfEveryKind(restarted);
	}

	@Test
	void keepsTheDeactivatedCountWhenKilledBetweenTheDeactivationCommitAndTheStepsCompletion() throws Exception {
		refuse("UPDATE", "feed_application");
		JobExecution failed = this.sync.run(changesOfEveryKind(), "mode", "full", "max-reject-ratio", "1",
				"max-deactivate-ratio", "1");
		allowWrites("feed_application");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// the deactivation and its count committed; the step's completion did not
		markFailed(failed, "deactivate");

		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(failed.getId()));

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertCountsOfChangesOfEveryKind(restarted);
	}

	/** A1 unchanged, B-2 updated, C-3 absent (deactivated), D-4 new twice (one superseded), a rejected line. */
	private Path changesOfEveryKind() {
		return aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "2.00")
			.product("D-4", "Drill", "3.00")
			.product("D-4", "Drill", "4.00")
			.product("E-5", "Eraser", "1e3")
			.writeTo(this.dir);
	}

	private void assertCountsOfChangesOfEveryKind(JobExecution execution) {
		assertThat(FeedSummary.of(execution).counts()).contains(entry(FeedSummary.READ, 5L),
				entry(FeedSummary.INSERTED, 1L), entry(FeedSummary.UPDATED, 1L), entry(FeedSummary.UNCHANGED, 1L),
				entry(FeedSummary.SUPERSEDED, 1L), entry(FeedSummary.REJECTED, 1L),
				entry(FeedSummary.DEACTIVATED, 1L));
		assertThat(this.jdbc.sql("SELECT sku || ' ' || price || ' ' || active FROM products ORDER BY sku")
			.query(String.class)
			.list()).containsExactly("A-1 1.00 true", "B-2 2.00 true", "C-3 1.00 false", "D-4 4.00 true");
	}

	// returns nothing: Spring Batch's test listener calls methods of the test class that return a JobExecution

	/** Removes the matching summary counts from the stored job context, as a kill before it was saved would. */
	private void loseCounts(JobExecution execution, Predicate<String> lost) {
		JobExecution stored = this.jobRepository.getJobExecution(execution.getId());
		stored.getExecutionContext()
			.entrySet()
			.stream()
			.map(Map.Entry::getKey)
			.filter(key -> key.startsWith("summary.") && lost.test(key))
			.toList()
			.forEach(stored.getExecutionContext()::remove);
		this.jobRepository.updateExecutionContext(stored);
	}

	/** Makes a completed step run again on restart, as if the process died before it was recorded complete. */
	private void markFailed(JobExecution execution, String stepName) {
		StepExecution step = this.jobRepository.getJobExecution(execution.getId())
			.getStepExecutions()
			.stream()
			.filter(candidate -> candidate.getStepName().equals(stepName))
			.findFirst()
			.orElseThrow();
		step.setStatus(BatchStatus.FAILED);
		this.jobRepository.update(step);
	}

	private void refuse(String events, String table) {
		this.jdbc.sql("""
				CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'test: % is read-only', TG_TABLE_NAME; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_write BEFORE " + events + " ON " + table
				+ " FOR EACH ROW EXECUTE FUNCTION refuse_write()").update();
	}

	private void allowWrites(String table) {
		this.jdbc.sql("DROP TRIGGER refuse_write ON " + table).update();
		this.jdbc.sql("DROP FUNCTION refuse_write()").update();
	}

}
