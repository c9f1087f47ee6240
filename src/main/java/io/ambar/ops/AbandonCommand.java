package io.ambar.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import io.ambar.feed.AppliedFeeds;
import io.ambar.feed.StagingTables;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * {@code abandon <executionId>}: gives up a failed, stopped or UNKNOWN execution for good. That closes its job
 * instance (a new run needs new parameters), so its staging tables and its claim on the feed go too.
 */
@Component
class AbandonCommand implements AmbarCommand {

	private final JobExecutions executions;

	private final JobRepository repository;

	private final JobOperator jobOperator;

	private final StagingTables stagingTables;

	private final AppliedFeeds appliedFeeds;

	AbandonCommand(JobExecutions executions, JobRepository repository, JobOperator jobOperator,
			StagingTables stagingTables, AppliedFeeds appliedFeeds) {
		this.executions = executions;
		this.repository = repository;
		this.jobOperator = jobOperator;
		this.stagingTables = stagingTables;
		this.appliedFeeds = appliedFeeds;
	}

	@Override
	public String name() {
		return "abandon";
	}

	@Override
	public String usage() {
		return "<executionId>  give up a failed, stopped or UNKNOWN execution: closes its job instance for good";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		long id = CommandArguments.parse(args, Set.of()).executionId("abandon " + usage());
		JobExecution execution = this.executions.byId(id);
		JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
		if (last != null && last.getId() != id) {
			throw new UsageException("execution " + id + " is not the last of its job instance; execution "
					+ last.getId() + " is (" + last.getStatus() + ")");
		}
		switch (execution.getStatus()) {
			case COMPLETED, ABANDONED -> throw new UsageException(
					"execution " + id + " is " + execution.getStatus() + "; there is nothing to abandon");
			default -> {
				// FAILED, STOPPED, UNKNOWN; a running one is refused by the operator below
			}
		}
		try {
			this.jobOperator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			System.err.println("ambar abandon: execution " + id + " is " + execution.getStatus()
					+ "; stop it first, or restart it if its process is gone");
			return FAILED;
		}
		this.stagingTables.dropAll(execution.getJobInstanceId());
		this.appliedFeeds.withdraw(execution.getJobInstanceId());
		out.println("execution " + id + " abandoned: its job instance is closed for good, a new run needs new"
				+ " parameters (run the feed again to apply it)");
		return OK;
	}

}
