package io.ambar.catalog;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.LoadStepListener;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sums up what the load produced: lines read, rejects by reason, and the lines superseded by a later line of the
 * same SKU (read, less rejected, less staged). Every staged SKU is applied, new ones included, so nothing is
 * rejected here.
 * <p>
 * Every count comes from committed state (the load's reader state, staging, the ledger) and the summary is saved
 * in this step's transaction: a run killed at any point and restarted gets the same counts, which the gates that
 * follow depend on.
 */
class LoadSummaryTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	private final JobRepository jobRepository;

	LoadSummaryTasklet(JdbcClient jdbc, RejectLedger ledger, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		long staged = this.jdbc.sql("SELECT count(*) FROM " + run.stagingTable(ProductStagingWriter.STAGING_PREFIX))
			.query(Long.class)
			.single();
		// not from the load step's listener: a kill after the load was recorded complete loses the job context;
		// the reader's count committed with its last chunk
		long read = LastStep.context(this.jobRepository, step, ProductSyncJobConfiguration.LOAD_STEP)
			.getLong(LoadStepListener.READER_NAME + ".records", 0L);
		FeedSummary summary = FeedSummary.of(step.getJobExecution())
			.put(FeedSummary.READ, read)
			.putRejects(this.ledger.countsByReason(run.instanceId()));
		summary.put(FeedSummary.SUPERSEDED, read - summary.get(FeedSummary.REJECTED) - staged);
		// joins this step's transaction: the summary commits with this step's completion
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		return RepeatStatus.FINISHED;
	}

}
