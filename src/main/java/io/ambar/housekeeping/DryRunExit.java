package io.ambar.housekeeping;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Ends a completed dry run with exit code {@code DRY_RUN}, so that its counts are never read as deletions.
 */
final class DryRunExit implements JobExecutionListener {

	static final String DRY_RUN = "DRY_RUN";

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED && HousekeepingParameters.of(execution).dryRun()) {
			execution.setExitStatus(new ExitStatus(DRY_RUN));
		}
	}

}
