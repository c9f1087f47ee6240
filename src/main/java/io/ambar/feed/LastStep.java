package io.ambar.feed;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The committed execution context of an earlier step of the same job instance: what its readers, writers and
 * tasklets saved with their last commit, whether or not the job context was saved after it (a step is recorded
 * complete before its listeners run, so a kill can lose what they put in the job context).
 */
public final class LastStep {

	private LastStep() {
	}

	/** The context of the last execution of the named step, or an empty one when it never ran. */
	public static ExecutionContext context(JobRepository jobRepository, StepExecution current, String stepName) {
		StepExecution last = jobRepository.getLastStepExecution(current.getJobExecution().getJobInstance(),
				stepName);
		return (last != null) ? last.getExecutionContext() : new ExecutionContext();
	}

	/** Records the {@code load} step's reader returned, as committed with its last chunk. */
	public static long linesRead(JobRepository jobRepository, StepExecution current) {
		return context(jobRepository, current, FeedSteps.LOAD).getLong(FeedSteps.READER_NAME + ".records", 0L);
	}

}
