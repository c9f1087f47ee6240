package io.ambar.catalog;

import java.sql.Timestamp;
import java.util.Locale;

import io.ambar.feed.FeedFileException;
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
 * The gate of a full sync, before anything is applied: fails the job when the feed would deactivate more than
 * {@code max-deactivate-ratio} of the active catalogue, so that a truncated feed cannot wipe a shop. Does nothing
 * in incremental mode. A restart fails the same way; a new run with a higher ratio is the way to accept the feed.
 */
class DeactivationGuardTasklet implements Tasklet {

	private final JdbcClient jdbc;

	DeactivationGuardTasklet(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		ProductSyncParameters parameters = ProductSyncParameters.of(step.getJobParameters());
		if (!parameters.full()) {
			return RepeatStatus.FINISHED;
		}
		FeedRun run = FeedRun.of(step);
		// two scans rather than one with a FILTER: NOT EXISTS in a WHERE clause plans as an anti-join
		var counts = this.jdbc.sql("SELECT (SELECT count(*) FROM products WHERE active), (SELECT count(*) FROM "
				+ "products p WHERE " + DeactivateTasklet.activeAndAbsent(run.stagingTable(ProductStagingRows.STAGING_PREFIX))
				+ ")")
			.params(Timestamp.from(FingerprintTasklet.asOf(step)), run.instanceId())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		long active = counts[0];
		long absent = counts[1];
		double ratio = (active == 0) ? 0 : (double) absent / active;
		if (ratio > parameters.maxDeactivateRatio()) {
			throw new FeedFileException(run.file(), 0, String.format(Locale.ROOT,
					"full sync would deactivate %d of %d active products (%.2f%%), above max-deactivate-ratio %s; "
							+ "nothing applied or deactivated (a truncated feed? mode=incremental never deactivates)",
					absent, active, ratio * 100, parameters.maxDeactivateRatio()));
		}
		return RepeatStatus.FINISHED;
	}

}
