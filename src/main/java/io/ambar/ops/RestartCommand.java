package io.ambar.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * {@code restart <executionId>}: restarts a FAILED or STOPPED execution and runs it to its end in the foreground,
 * like {@code run}.
 * <p>
 * An execution still marked running whose process is gone (killed, host crashed) is first marked FAILED; one
 * whose process is alive is left alone. The rules are {@link JobRestarts}'.
 */
@Component
class RestartCommand implements AmbarCommand {

	private static final Log logger = LogFactory.getLog(RestartCommand.class);

	private final JobExecutions executions;

	private final JobRestarts restarts;

	private final ForegroundRun foreground;

	RestartCommand(JobExecutions executions, JobRestarts restarts, ForegroundRun foreground) {
		this.executions = executions;
		this.restarts = restarts;
		this.foreground = foreground;
	}

	@Override
	public String name() {
		return "restart";
	}

	@Override
	public String usage() {
		return "<executionId>  restart a failed, stopped or crashed execution and run it to its end";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		long id = CommandArguments.parse(args, Set.of()).executionId("restart " + usage());
		this.executions.byId(id);
		try {
			// no ETA: a restarted load resumes mid-file, and its own counts start at zero
			JobRestarts.Restarted restarted = this.foreground.run(() -> this.restarts.restart(id, Actor.cli(), true), 0);
			if (restarted.recovered() != null) {
				out.println("marked execution " + id + " as FAILED: " + restarted.recovered());
			}
			ExecutionReport.print(restarted.execution(), out);
			return JobRunner.exitCode(restarted.execution());
		}
		catch (OperationException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// one line for the operator, the trace for the log
			logger.error("restart of execution " + id + " failed", ex);
			System.err.println("ambar restart: " + rootMessage(ex));
			return FAILED;
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root == failure) ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root.getMessage();
	}



}
