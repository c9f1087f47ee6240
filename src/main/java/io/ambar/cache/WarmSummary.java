package io.ambar.cache;

import io.ambar.feed.FeedSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Puts what a cache-warm run did into the job's summary, which the run command prints: the active products
 * read ({@code read}) and sent to Redis ({@code cache.warmed}; each stored unless Redis held a newer version).
 */
class WarmSummary implements StepExecutionListener {

	static final String WARMED = "cache.warmed";

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		FeedSummary.of(step.getJobExecution()).put(FeedSummary.READ, step.getReadCount()).put(WARMED, step.getWriteCount());
		return null;
	}

}
