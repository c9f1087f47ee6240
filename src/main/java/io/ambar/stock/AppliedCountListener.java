package io.ambar.stock;

import io.ambar.feed.FeedSummary;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sums up the apply step when the finish step starts: rows applied over all its executions, and the lines that
 * needed no change.
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
		JobExecution current = finish.getJobExecution();
		long applied = 0;
		for (JobExecution execution : this.jobRepository.getJobExecutions(current.getJobInstance())) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().equals(StockUpdateJobConfiguration.APPLY_STEP)) {
					applied += step.getWriteCount();
				}
			}
		}
		FeedSummary summary = FeedSummary.of(current);
		summary.put(FeedSummary.APPLIED, applied)
			.put(FeedSummary.UNCHANGED, summary.get(FeedSummary.READ) - applied - summary.get(FeedSummary.SUPERSEDED)
					- summary.get(FeedSummary.REJECTED));
	}

}
