package io.ambar.feed;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Last step of a feed job: records the feed as applied and drops the staging tables (also {@code <staging>_apply}), in one transaction, and
 * copies the run's summary onto this step execution.
 */
public class FinishTasklet implements Tasklet {

	private final AppliedFeeds appliedFeeds;

	private final JdbcClient jdbc;

	private final String stagingPrefix;

	public FinishTasklet(AppliedFeeds appliedFeeds, JdbcClient jdbc, String stagingPrefix) {
		this.appliedFeeds = appliedFeeds;
		this.jdbc = jdbc;
		this.stagingPrefix = stagingPrefix;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		this.appliedFeeds.record(run, step.getJobExecution().getExecutionContext().getString(FingerprintTasklet.APPLICATION_KEY));
		String staging = run.stagingTable(this.stagingPrefix);
		this.jdbc.sql("DROP TABLE IF EXISTS " + staging + ", " + staging + "_apply").update();
		FeedSummary.of(step.getJobExecution()).copyTo(step.getExecutionContext());
		return RepeatStatus.FINISHED;
	}

}
