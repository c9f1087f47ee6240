package io.ambar.catalog;

import io.ambar.feed.FeedSummary;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Sums up the apply step: products inserted and updated over all its executions (the writer's counts, restored on
 * restart), and the staged lines that needed no change.
 */
class AppliedCountListener implements StepExecutionListener {

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		if (step.getStatus().isUnsuccessful()) {
			return null;
		}
		ExecutionContext context = step.getExecutionContext();
		long inserted = context.getLong(ProductApplyWriter.INSERTED, 0L);
		long updated = context.getLong(ProductApplyWriter.UPDATED, 0L);
		FeedSummary summary = FeedSummary.of(step.getJobExecution());
		summary.put(FeedSummary.INSERTED, inserted)
			.put(FeedSummary.UPDATED, updated)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED) - inserted - updated);
		return null;
	}

}
