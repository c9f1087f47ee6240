package io.ambar.feed;

import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The identity of one feed job run as the ledger and the staging tables know it. Staging and rejects belong to
 * the job instance, so that a restarted execution sees what the failed one committed.
 */
public record FeedRun(String jobName, long instanceId, long executionId, Path file) {

	public static FeedRun of(StepExecution step) {
		return of(step.getJobExecution());
	}

	public static FeedRun of(JobExecution job) {
		return new FeedRun(job.getJobInstance().getJobName(), job.getJobInstanceId(), job.getId(),
				Path.of(job.getJobParameters().getString(FeedParameters.FILE)));
	}

	/** The staging table of this run: {@code stage_<prefix>_<instanceId>}; the id is a number, so safe in SQL. */
	public String stagingTable(String prefix) {
		return "stage_" + prefix + "_" + this.instanceId;
	}

	/** The table of staged rows that classify found to change, keyed by SKU: {@code <staging table>_apply}. */
	public String applyTable(String prefix) {
		return stagingTable(prefix) + "_apply";
	}

}
