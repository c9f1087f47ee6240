package io.ambar.stock;

import io.ambar.feed.FeedSummary;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sums up the apply step: rows applied over all its executions, and the lines that needed no change.
 */
class AppliedCountListener implements StepExecutionListener {

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		if (step.getStatus().isUnsuccessful()) {
			return null;
		}
		FeedSummary summary = FeedSummary.of(step.getJobExecution());
		long applied = step.getExecutionContext().getLong(StockApplyWriter.APPLIED, 0L);
		summary.put(FeedSummary.APPLIED, applied)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - applied - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED));
		return null;
	}

}
