package io.ambar.catalog;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a full sync, deactivates the active products absent from the feed, in one set-based statement that locks
 * them in SKU order. Their content hash is cleared: the hash covers {@code active}, so a later feed that lists
 * such a product again is never mistaken for unchanged. Does nothing in incremental mode.
 */
class DeactivateTasklet implements Tasklet {

	private final JdbcClient jdbc;

	DeactivateTasklet(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		if (!ProductSyncParameters.of(step.getJobParameters()).full()) {
			return RepeatStatus.FINISHED;
		}
		String table = FeedRun.of(step).stagingTable(ProductStagingWriter.STAGING_PREFIX);
		int deactivated = this.jdbc.sql("UPDATE products p SET active = false, content_hash = NULL, updated_at = now() "
				+ "FROM (SELECT q.id FROM products q WHERE q.active AND NOT EXISTS (SELECT 1 FROM " + table
				+ " s WHERE s.sku = q.sku) ORDER BY q.sku FOR UPDATE) gone WHERE p.id = gone.id AND p.active")
			.update();
		contribution.incrementWriteCount(deactivated);
		FeedSummary.of(step.getJobExecution()).put(FeedSummary.DEACTIVATED, deactivated);
		return RepeatStatus.FINISHED;
	}

}
