package io.ambar.feed;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * What every feed job does when it ends: a run that ended COMPLETED (applied, or found to be a duplicate) drops
 * its staging tables, since no execution of its instance can use them again; a duplicate says why in the job's
 * exit description, where operators look.
 */
class FeedJobListener implements JobExecutionListener {

	private final StagingTables stagingTables;

	private final String stagingPrefix;

	FeedJobListener(StagingTables stagingTables, String stagingPrefix) {
		this.stagingTables = stagingTables;
		this.stagingPrefix = stagingPrefix;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		this.stagingTables.drop(this.stagingPrefix, execution.getJobInstanceId());
		ExitStatus exit = execution.getExitStatus();
		Object reason = execution.getExecutionContext().get(FingerprintTasklet.ALREADY_APPLIED_REASON);
		if (FingerprintTasklet.ALREADY_APPLIED.equals(exit.getExitCode()) && reason != null) {
			execution.setExitStatus(exit.addExitDescription(reason.toString()));
		}
	}

}
