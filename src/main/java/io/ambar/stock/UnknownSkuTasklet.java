package io.ambar.stock;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.LoadStepListener;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves staged SKUs that are not in the catalogue to the reject ledger as {@code UNKNOWN_SKU}, in one set-based
 * statement, and sums up what the load produced: read, superseded, rejected by reason.
 * <p>
 * Every count comes from what is committed (the load's reader state, the ledger, the staging table), and the
 * summary commits with the statement, so a run killed at any point and restarted gets the same counts; the
 * reject-ratio check that follows depends on them.
 */
class UnknownSkuTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	private final JobRepository jobRepository;

	UnknownSkuTasklet(JdbcClient jdbc, RejectLedger ledger, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		JobExecution job = step.getJobExecution();
		FeedRun run = FeedRun.of(step);
		String table = run.stagingTable(StockStagingWriter.STAGING_PREFIX);
		this.jdbc.sql("WITH unknown AS (DELETE FROM " + table
				+ " s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.sku) RETURNING line_no, sku, raw) "
				+ "INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw) "
				+ "SELECT ?, ?, ?, ?, line_no, sku, 'UNKNOWN_SKU', 'no product with this SKU in the catalogue', raw FROM unknown "
				+ "ON CONFLICT (job_instance_id, line_no) DO NOTHING")
			.params(run.instanceId(), run.executionId(), run.jobName(), run.file().toString())
			.update();
		// after the move: a rerun of this step (killed after its commit) finds the same counts
		long known = this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
		var rejects = this.ledger.countsByReason(run.instanceId());
		long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
		// the load's listener puts this in the job context too, but that write is lost if the load is killed
		// after it was recorded complete; its reader state committed with its last chunk
		StepExecution load = this.jobRepository.getLastStepExecution(job.getJobInstance(), "load");
		long read = (load != null) ? load.getExecutionContext().getLong(LoadStepListener.READER_NAME + ".records", 0L) : 0;
		FeedSummary.of(job).put(FeedSummary.READ, read).put(FeedSummary.SUPERSEDED, read - rejected - known).putRejects(rejects);
		// joins this step's transaction: the summary commits with the rejects it counts
		this.jobRepository.updateExecutionContext(job);
		return RepeatStatus.FINISHED;
	}

}
