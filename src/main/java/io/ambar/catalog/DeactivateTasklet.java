package io.ambar.catalog;

import java.sql.Timestamp;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FingerprintTasklet;

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
 * <p>
 * The count goes to this step's context, saved in the same transaction; the finish step reports it.
 */
class DeactivateTasklet implements Tasklet {

	/** Key of the number of products deactivated in this step's context, which commits with the deactivation. */
	static final String DEACTIVATED = "deactivate.deactivated";

	/**
	 * Whether product {@code p} is active and absent from the feed: not staged (after classify, staging holds the
	 * latest line of each SKU, keyed), not named by a rejected line either (a product whose line was refused is
	 * kept as it is, not taken for dropped), and not written by a feed of the same or a later as-of. Two
	 * parameters: the feed's as-of and the job instance id.
	 */
	static String activeAndAbsent(String stagingTable) {
		return "p.active AND (p.content_as_of IS NULL OR p.content_as_of < ?) "
				+ "AND NOT EXISTS (SELECT 1 FROM " + stagingTable + " s WHERE s.sku = p.sku) "
				+ "AND NOT EXISTS (SELECT 1 FROM feed_reject r WHERE r.job_instance_id = ? AND r.sku = p.sku)";
	}

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
		if (step.getExecutionContext().containsKey(DEACTIVATED)) {
			// a restart after the deactivation committed (with its count) but before the step was recorded
			// complete: running it again would find nothing and overwrite the count with 0
			return RepeatStatus.FINISHED;
		}
		FeedRun run = FeedRun.of(step);
		Timestamp asOf = Timestamp.from(FingerprintTasklet.asOf(step));
		int deactivated = this.jdbc.sql("UPDATE products SET active = false, content_hash = NULL, content_as_of = ?, "
				+ "version = products.version + 1, updated_at = now() FROM (SELECT p.id FROM products p WHERE "
				+ activeAndAbsent(run.stagingTable(ProductStagingRows.STAGING_PREFIX))
				+ " ORDER BY p.sku FOR UPDATE) gone WHERE products.id = gone.id")
			.params(asOf, asOf, run.instanceId())
			.update();
		contribution.incrementWriteCount(deactivated);
		step.getExecutionContext().putLong(DEACTIVATED, deactivated);
		return RepeatStatus.FINISHED;
	}

}
