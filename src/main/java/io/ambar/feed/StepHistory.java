package io.ambar.feed;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Counts of a step over every execution of its job instance: a restarted step starts its counters at zero,
 * while what the failed execution committed still counts.
 */
public final class StepHistory {

	private StepHistory() {
	}

	/** Items written by the step in this instance: earlier executions as stored plus the running one. */
	public static long writeCount(JobRepository repository, StepExecution current) {
		long total = current.getWriteCount();
		for (JobExecution execution : repository.getJobExecutions(current.getJobExecution().getJobInstance())) {
			if (execution.getId() == current.getJobExecutionId()) {
				continue;
			}
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().equals(current.getStepName())) {
					total += step.getWriteCount();
				}
			}
		}
		return total;
	}

}
