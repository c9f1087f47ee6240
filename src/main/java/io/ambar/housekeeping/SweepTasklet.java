package io.ambar.housekeeping;

import java.time.Duration;
import java.time.Instant;

import io.ambar.feed.FeedSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a {@link Sweep} chunk by chunk, one transaction each, until nothing older than its age is left (or, on a
 * dry run, only counts). The running count is kept in the step's context, which commits with each chunk and which a
 * restart of the step carries on, so the count in the job's summary ({@code summary.<key>}) is what went in all
 * attempts together.
 */
final class SweepTasklet implements Tasklet, StepExecutionListener {

	private final String key;

	private final Sweep sweep;

	private final Duration age;

	private final int chunkSize;

	SweepTasklet(String key, Sweep sweep, Duration age, int chunkSize) {
		this.key = key;
		this.sweep = sweep;
		this.age = age;
		this.chunkSize = chunkSize;
	}

	@Override
	public void beforeStep(StepExecution step) {
		this.sweep.prepare(step.getExecutionContext());
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		HousekeepingParameters run = HousekeepingParameters.of(step.getJobExecution());
		Instant cutoff = run.reference().minus(this.age);
		if (run.dryRun()) {
			record(step, this.sweep.count(cutoff, step.getExecutionContext()));
			return RepeatStatus.FINISHED;
		}
		Sweep.Swept swept = this.sweep.sweep(cutoff, this.chunkSize, step.getExecutionContext());
		contribution.incrementWriteCount(swept.deleted());
		record(step, step.getExecutionContext().getLong(summaryKey(), 0L) + swept.deleted());
		return swept.more() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

	private void record(StepExecution step, long count) {
		step.getExecutionContext().putLong(summaryKey(), count);
		FeedSummary.of(step.getJobExecution()).put(this.key, count);
	}

	private String summaryKey() {
		return "summary." + this.key;
	}

}
