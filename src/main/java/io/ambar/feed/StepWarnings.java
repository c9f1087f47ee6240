package io.ambar.feed;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A job whose steps completed, one of them with warnings (exit code {@code COMPLETED_WITH_WARNINGS}, such as a
 * cache it could not refresh), ends COMPLETED with that exit code and the step's description, so that the
 * warning shows on the job and not only on a step in the middle.
 */
class StepWarnings implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution job) {
		if (job.getStatus() != BatchStatus.COMPLETED || !ExitStatus.COMPLETED.equals(job.getExitStatus())) {
			return;
		}
		job.getStepExecutions()
			.stream()
			.filter(step -> step.getExitStatus().getExitCode().equals(FeedSteps.COMPLETED_WITH_WARNINGS))
			.map(StepExecution::getExitStatus)
			.findFirst()
			.ifPresent(warning -> job.setExitStatus(new ExitStatus(FeedSteps.COMPLETED_WITH_WARNINGS,
					warning.getExitDescription())));
	}

}
