package io.ambar.stock;

import io.ambar.feed.FeedSummary;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sums up the apply step when the finish step starts: rows applied (each range's writer count, committed with
 * its last chunk) and the lines that needed no change.
 * <p>
 * Done before {@code finish} rather than after {@code apply}: a step is recorded complete before its listeners
 * run, so a count put in the job context after {@code apply} is lost if the process dies right then, and a
 * restart would not run {@code apply} again. {@code finish} runs (again) until it completes.
 */
class AppliedCountListener implements StepExecutionListener {

	private final JobRepository jobRepository;

	AppliedCountListener(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeStep(StepExecution finish) {
		long applied = 0;
		// apply-range:partition0, 1, ...: each range's count as committed with its last chunk
		for (int i = 0;; i++) {
			StepExecution range = this.jobRepository.getLastStepExecution(finish.getJobExecution().getJobInstance(),
					StockUpdateJobConfiguration.APPLY_RANGE_STEP + ":partition" + i);
			if (range == null) {
				break;
			}
			applied += range.getExecutionContext().getLong(StockApplyWriter.APPLIED, 0L);
		}
		FeedSummary summary = FeedSummary.of(finish.getJobExecution());
		summary.put(FeedSummary.APPLIED, applied)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - applied - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED) - summary.get(FeedSummary.STALE));
	}

}
