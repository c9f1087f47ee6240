package io.ambar.catalog;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sums up what the load produced: rejects by reason, and the lines superseded by a later line of the same SKU
 * (read, less rejected, less staged). Every staged SKU is applied, new ones included, so nothing is rejected here.
 */
class LoadSummaryTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	LoadSummaryTasklet(JdbcClient jdbc, RejectLedger ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		long staged = this.jdbc.sql("SELECT count(*) FROM " + run.stagingTable(ProductStagingWriter.STAGING_PREFIX))
			.query(Long.class)
			.single();
		FeedSummary summary = FeedSummary.of(step.getJobExecution())
			.putRejects(this.ledger.countsByReason(run.instanceId()));
		summary.put(FeedSummary.SUPERSEDED, summary.get(FeedSummary.READ) - summary.get(FeedSummary.REJECTED) - staged);
		return RepeatStatus.FINISHED;
	}

}
