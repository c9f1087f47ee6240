package io.ambar.stock;

import io.ambar.feed.FeedSummary;
import io.ambar.feed.StepHistory;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sums up the apply step: rows applied over all its executions, and the lines that needed no change.
 */
class AppliedCountListener implements StepExecutionListener {

	private final JobRepository jobRepository;

	AppliedCountListener(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		if (step.getStatus().isUnsuccessful()) {
			return null;
		}
		FeedSummary summary = FeedSummary.of(step.getJobExecution());
		long applied = StepHistory.writeCount(this.jobRepository, step);
		summary.put(FeedSummary.APPLIED, applied)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - applied - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED));
		return null;
	}

}
