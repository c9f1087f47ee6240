package io.ambar.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * {@code restart <executionId>}: restarts a FAILED or STOPPED execution and runs it to its end in the foreground,
 * like {@code run}.
 * <p>
 * An execution still marked running whose process is gone (killed, host crashed) is first marked FAILED; one
 * whose process is alive is left alone.
 */
@Component
class RestartCommand implements AmbarCommand {

	private static final Log logger = LogFactory.getLog(RestartCommand.class);

	private final JobExecutions executions;

	private final JobRepository repository;

	private final JobOperator jobOperator;

	private final ExecutionLiveness liveness;

	private final ExecutionOwners owners;

	private final ForegroundRun foreground;

	RestartCommand(JobExecutions executions, JobRepository repository, JobOperator jobOperator,
			ExecutionLiveness liveness, ExecutionOwners owners, ForegroundRun foreground) {
		this.executions = executions;
		this.repository = repository;
		this.jobOperator = jobOperator;
		this.liveness = liveness;
		this.owners = owners;
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
		JobExecution execution = this.executions.byId(id);
		JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
		if (last != null && last.getId() != id) {
			throw new UsageException("execution " + id + " is not the last of its job instance; execution "
					+ last.getId() + " is (" + last.getStatus() + ")");
		}
		switch (execution.getStatus()) {
			case COMPLETED, ABANDONED -> throw new UsageException(
					"execution " + id + " is " + execution.getStatus() + "; only a failed or stopped one can be restarted");
			case UNKNOWN -> throw new UsageException("execution " + id
					+ " is UNKNOWN: its end could not be recorded, so restarting it may be unsafe; check its data");
			case STARTING, STARTED, STOPPING -> {
				ExecutionLiveness.Verdict verdict = this.liveness.check(execution);
				if (verdict.state() != ExecutionLiveness.State.ORPHANED) {
					System.err.println("ambar restart: " + verdict.reason()
							+ ((verdict.state() == ExecutionLiveness.State.STARTING)
									? ". If its process is gone, restart it again after that." : ""));
					return FAILED;
				}
				this.jobOperator.recover(execution);
				this.owners.release(id);
				out.println("marked execution " + id + " as FAILED: " + verdict.reason());
			}
			default -> {
				// FAILED or STOPPED: restartable as it is
			}
		}
		try {
			// no ETA: a restarted load resumes mid-file, and its own counts start at zero
			JobExecution restarted = this.foreground.run(() -> this.jobOperator.restart(execution), 0);
			ExecutionReport.print(restarted, out);
			return JobRunner.exitCode(restarted);
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
