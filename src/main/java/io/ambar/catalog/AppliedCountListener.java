package io.ambar.catalog;

import io.ambar.feed.FeedSummary;
import io.ambar.feed.LastStep;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Sums up the apply and deactivate steps when the finish step starts: products inserted and updated (the apply
 * writer's counts, committed with its last chunk), the staged lines that needed no change, and in a full sync the
 * products deactivated (committed with the deactivation).
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
		long inserted = 0;
		long updated = 0;
		// apply-range:partition0, 1, ...: each range's counts as committed with its last chunk
		for (int i = 0;; i++) {
			StepExecution range = this.jobRepository.getLastStepExecution(finish.getJobExecution().getJobInstance(),
					ProductSyncJobConfiguration.APPLY_RANGE_STEP + ":partition" + i);
			if (range == null) {
				break;
			}
			inserted += range.getExecutionContext().getLong(ProductApplyWriter.INSERTED, 0L);
			updated += range.getExecutionContext().getLong(ProductApplyWriter.UPDATED, 0L);
		}
		FeedSummary summary = FeedSummary.of(finish.getJobExecution());
		summary.put(FeedSummary.INSERTED, inserted)
			.put(FeedSummary.UPDATED, updated)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED) - summary.get(FeedSummary.STALE) - inserted - updated);
		ExecutionContext deactivate = LastStep.context(this.jobRepository, finish,
				ProductSyncJobConfiguration.DEACTIVATE_STEP);
		if (deactivate.containsKey(DeactivateTasklet.DEACTIVATED)) {
			summary.put(FeedSummary.DEACTIVATED, deactivate.getLong(DeactivateTasklet.DEACTIVATED));
		}
	}

}
