package io.ambar.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code run <job> key=value ...}: runs a new instance of a job to its end in the foreground.
 * <p>
 * {@code file} (made absolute) and a fresh {@code run.id} identify the instance, so the same path can be run again
 * when its content changes; whether the same content was applied before is the job's own check.
 */
@Component
class RunCommand implements AmbarCommand {

	private final Jobs jobs;

	private final JobOperator jobOperator;

	private final ForegroundRun foreground;

	RunCommand(Jobs jobs, JobOperator jobOperator, ForegroundRun foreground) {
		this.jobs = jobs;
		this.jobOperator = jobOperator;
		this.foreground = foreground;
	}

	@Override
	public String name() {
		return "run";
	}

	@Override
	public String usage() {
		return "<job> file=PATH [force=true] [allow-empty=true] [max-reject-ratio=0.05] ...  run a job to its end";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		if (args.isEmpty()) {
			throw new UsageException("which job? usage: run " + usage());
		}
		Job job = this.jobs.named(args.get(0));
		JobParameters parameters = parameters(args.subList(1, args.size()));
		try {
			job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException ex) {
			throw new UsageException(ex.getMessage());
		}
		String file = parameters.getString(FeedParameters.FILE);
		try {
			JobExecution execution = this.foreground.run(() -> this.jobOperator.start(job, parameters),
					(file != null) ? LineEstimate.of(Path.of(file)) : 0);
			ExecutionReport.print(execution, out);
			return exitCode(execution);
		}
		catch (Exception ex) {
			System.err.println("ambar run: " + ex.getMessage());
			return FAILED;
		}
	}

	static int exitCode(JobExecution execution) {
		return (execution.getStatus() == BatchStatus.COMPLETED) ? OK : FAILED;
	}

	private static JobParameters parameters(List<String> args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("expected key=value, got '" + arg + "'");
			}
			values.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
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
		java.time.Instant now = java.time.Instant.now();
		builder.addLong(FeedParameters.RUN_ID, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, true);
		return builder.toJobParameters();
	}

}
