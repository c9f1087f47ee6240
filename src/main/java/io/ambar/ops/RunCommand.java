package io.ambar.ops;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * {@code run <job> key=value ...}: runs a new instance of a job to its end in the foreground.
 */
@Component
class RunCommand implements AmbarCommand {

	private final JobRunner runner;

	RunCommand(JobRunner runner) {
		this.runner = runner;
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
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String arg : args.subList(1, args.size())) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("expected key=value, got '" + arg + "'");
			}
			parameters.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		JobExecution execution;
		try {
			execution = this.runner.runToEnd(args.get(0), parameters);
		}
		catch (UsageException | OperationException ex) {
			throw ex;
		}
		catch (Exception ex) {
			System.err.println("ambar run: " + ex.getMessage());
			return FAILED;
		}
		JobRunner.report(execution, out);
		return JobRunner.exitCode(execution);
	}

}
