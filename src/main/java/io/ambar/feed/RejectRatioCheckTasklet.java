package io.ambar.feed;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The gate between loading and applying: fails the job, before anything is applied, when the feed has no data
 * rows or rejects more than {@code max-reject-ratio} of its lines. A restart fails the same way; a new run with a
 * higher ratio is the way to accept such a feed.
 */
public class RejectRatioCheckTasklet implements Tasklet {

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedParameters parameters = FeedParameters.of(step.getJobParameters());
		FeedSummary summary = FeedSummary.of(step.getJobExecution());
		long read = summary.get(FeedSummary.READ);
		long rejected = summary.get(FeedSummary.REJECTED);
		double ratio = (read == 0) ? 0 : (double) rejected / read;
		if (ratio > parameters.maxRejectRatio()) {
			throw new FeedFileException(parameters.file(), 0,
					String.format(java.util.Locale.ROOT,
							"%d of %d lines rejected (%.2f%%), above max-reject-ratio %s; nothing applied (see: rejects %d)",
							rejected, read, ratio * 100, parameters.maxRejectRatio(), step.getJobExecutionId()));
		}
		return RepeatStatus.FINISHED;
	}

}
