package io.ambar.feed;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of a feed job: records the feed as applied and drops the staging tables (also {@code <staging>_apply}), in one transaction, and
 * copies the run's summary onto this step execution.
 */
public class FinishTasklet implements Tasklet {

	private final AppliedFeeds appliedFeeds;

	private final StagingTables stagingTables;

	private final String stagingPrefix;

	private final JobRepository jobRepository;

	public FinishTasklet(AppliedFeeds appliedFeeds, StagingTables stagingTables, String stagingPrefix,
			JobRepository jobRepository) {
		this.appliedFeeds = appliedFeeds;
		this.stagingTables = stagingTables;
		this.stagingPrefix = stagingPrefix;
		this.jobRepository = jobRepository;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		this.appliedFeeds.applied(run);
		this.stagingTables.drop(this.stagingPrefix, run.instanceId());
		FeedSummary.of(step.getJobExecution()).copyTo(step.getExecutionContext());
		// in this transaction: a kill after the commit but before Batch saves the job context would lose the
		// summary, and a restart does not run a completed finish again
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		return RepeatStatus.FINISHED;
	}

}
