package io.ambar.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The command line's way to run a job: launched through {@link JobLaunches}, like every face, and run to its end in
 * the foreground with a progress line.
 */
@Component
public class JobRunner {

	private final JobLaunches launches;

	private final ForegroundRun foreground;

	JobRunner(JobLaunches launches, ForegroundRun foreground) {
		this.launches = launches;
		this.foreground = foreground;
	}

	/**
	 * Runs the job to its end, with a progress line on a terminal.
	 * @return the finished execution, whatever its status
	 * @throws OperationException for an unknown job, a parameter it refuses, or a run it may not start now
	 * @throws Exception when the job could not be launched at all
	 */
	public JobExecution runToEnd(String jobName, Map<String, String> parameters) throws Exception {
		Actor actor = Actor.cli();
		JobLaunches.Launch launch = this.launches.prepare(jobName, parameters, actor);
		Path file = launch.file();
		return this.foreground.run(() -> this.launches.start(launch, actor, true),
				(file != null) ? LineEstimate.of(file) : 0);
	}

	/** Prints what an operator reads after a run: id, status, counts, duration, rows/s, failure cause. */
	public static void report(JobExecution execution, PrintStream out) {
		ExecutionReport.print(execution, out);
	}

	/** 0 for COMPLETED, 1 for anything else (FAILED, STOPPED, ...). */
	public static int exitCode(JobExecution execution) {
		return (execution.getStatus() == BatchStatus.COMPLETED) ? AmbarCommand.OK : AmbarCommand.FAILED;
	}

}
