package io.ambar.bench;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Runs a job on a feed through {@link JobOperator}, with the parameters Ambar's feed jobs take: {@code file},
 * {@code force=true} (the bench applies the same bytes again and again) and a fresh {@code run.id}.
 */
final class JobStarter {

	private final JobOperator jobOperator;

	private final AtomicLong runIds = new AtomicLong(System.currentTimeMillis());

	JobStarter(JobOperator jobOperator) {
		this.jobOperator = jobOperator;
	}

	/**
	 * Runs the job to its end on this thread.
	 * @throws IllegalStateException if the job did not end COMPLETED; the message holds its failures
	 */
	void run(Job job, Path feed) throws Exception {
		JobParameters parameters = new JobParametersBuilder()
			.addString("file", feed.toAbsolutePath().toString())
			.addString("force", "true")
			.addLong("run.id", this.runIds.incrementAndGet())
			.toJobParameters();
		JobExecution execution = this.jobOperator.start(job, parameters);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(job.getName() + " ended " + execution.getStatus() + ": "
					+ execution.getAllFailureExceptions());
		}
	}

}
