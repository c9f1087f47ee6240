package io.ambar.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.ambar.feed.FeedParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Starts a new instance of a job by name and runs it to its end in the foreground, through JobOperator.
 * <p>
 * {@code file} (made absolute) and a fresh {@code run.id} identify the instance, so the same path can be run
 * again when its content changes; whether the same content was applied before is the job's own check.
 */
@Component
public class JobRunner {

	private final Jobs jobs;

	private final JobOperator jobOperator;

	private final ForegroundRun foreground;

	JobRunner(Jobs jobs, JobOperator jobOperator, ForegroundRun foreground) {
		this.jobs = jobs;
		this.jobOperator = jobOperator;
		this.foreground = foreground;
	}

	/**
	 * Runs the job to its end, with a progress line on a terminal.
	 * @return the finished execution, whatever its status
	 * @throws UsageException for an unknown job, a missing file or parameters the job refuses
	 * @throws Exception when the job could not be launched at all
	 */
	public JobExecution runToEnd(String jobName, Map<String, String> parameters) throws Exception {
		Job job = this.jobs.named(jobName);
		JobParameters jobParameters = parameters(parameters);
		try {
			job.getJobParametersValidator().validate(jobParameters);
		}
		catch (InvalidJobParametersException ex) {
			throw new UsageException(ex.getMessage());
		}
		String file = jobParameters.getString(FeedParameters.FILE);
		return this.foreground.run(() -> this.jobOperator.start(job, jobParameters),
				(file != null) ? LineEstimate.of(Path.of(file)) : 0);
	}

	/** Prints what an operator reads after a run: id, status, counts, duration, rows/s, failure cause. */
	public static void report(JobExecution execution, PrintStream out) {
		ExecutionReport.print(execution, out);
	}

	/** 0 for COMPLETED, 1 for anything else (FAILED, STOPPED, ...). */
	public static int exitCode(JobExecution execution) {
		return (execution.getStatus() == BatchStatus.COMPLETED) ? AmbarCommand.OK : AmbarCommand.FAILED;
	}

	private static JobParameters parameters(Map<String, String> values) {
		JobParametersBuilder builder = new JobParametersBuilder();
		values.forEach((key, value) -> {
			if (key.equals(FeedParameters.FILE)) {
				Path file = Path.of(value).toAbsolutePath().normalize();
				if (!Files.isRegularFile(file)) {
					throw new UsageException("file not found: " + file);
				}
				builder.addString(key, file.toString(), true);
			}
			else {
				builder.addString(key, value, false);
			}
		});
		// microseconds since the epoch: unique per launch, and sorts like the launches
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		builder.addLong(FeedParameters.RUN_ID, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, true);
		// the as-of of a feed launched without one; kept by a restart, as every parameter is
		if (!values.containsKey(FeedParameters.LAUNCHED_AT)) {
			builder.addString(FeedParameters.LAUNCHED_AT, now.toString(), false);
		}
		return builder.toJobParameters();
	}

}
