package io.ambar.ops;

import java.util.Map;

import io.ambar.ops.AuditLog.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Restarting an execution, the one way every face and the automatic recovery do it: only the last execution of
 * its job instance, only when FAILED or STOPPED, or still marked running but orphaned (then it is recovered first:
 * marked FAILED, since {@code JobOperator.recover} does not check whether it runs); the restart takes its job's
 * {@link RunSlots slot}, so concurrent restarts of one execution, on any node, make one new execution.
 */
@Component
public class JobRestarts {

	private final JobExecutions executions;

	private final JobRepository repository;

	private final JobCatalog catalog;

	private final JobOperators operators;

	private final ExecutionActions actions;

	private final RunSlots slots;

	private final AuditLog audit;

	JobRestarts(JobExecutions executions, JobRepository repository, JobCatalog catalog, JobOperators operators,
			ExecutionActions actions, RunSlots slots, AuditLog audit) {
		this.executions = executions;
		this.repository = repository;
		this.catalog = catalog;
		this.operators = operators;
		this.actions = actions;
		this.slots = slots;
		this.audit = audit;
	}

	/**
	 * A restart started.
	 *
	 * @param execution the new execution: ended when waited for, else just started
	 * @param recovered why the restarted execution was first marked FAILED (its owner was gone), or null
	 */
	public record Restarted(JobExecution execution, @Nullable String recovered) {
	}

	/**
	 * Restarts the execution.
	 * @param wait run the restart on this thread to its end (the CLI), or return once it started
	 * @throws OperationException NOT_FOUND for an unknown execution; CONFLICT when it is not the last of its
	 * instance, is COMPLETED, ABANDONED or UNKNOWN, still runs, or another run holds the slot
	 */
	public Restarted restart(long id, Actor actor, boolean wait) {
		String target = "execution " + id;
		JobExecution execution;
		String recovered = null;
		String slot;
		try {
			execution = this.executions.byId(id);
			requireLast(execution);
			switch (execution.getStatus()) {
				case COMPLETED, ABANDONED -> throw OperationException.conflict(target + " is " + execution.getStatus()
						+ "; only a failed or stopped one can be restarted");
				case UNKNOWN -> throw OperationException.conflict(target + " is UNKNOWN: its end could not be recorded;"
						+ " recover it (resumable jobs) or abandon it");
				case STARTING, STARTED, STOPPING -> {
					recovered = this.actions.recoverOrphan(execution, actor);
					execution = this.executions.byId(id);
				}
				default -> {
					// FAILED or STOPPED: restartable as it is
				}
			}
			slot = RunSlots.slotOf(this.catalog.describe(execution.getJobInstance().getJobName()),
					execution.getJobParameters());
			this.slots.claim(slot);
		}
		catch (OperationException ex) {
			this.audit.record(actor, "restart", target, Map.of(), Outcome.REFUSED, ex.getMessage());
			throw ex;
		}
		JobExecution restarted;
		try {
			restarted = this.operators.get(wait).restart(execution);
		}
		catch (JobRestartException ex) {
			this.slots.abandonClaim(slot);
			this.audit.record(actor, "restart", target, Map.of(), Outcome.REFUSED, ex.getMessage());
			throw OperationException.conflict(ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.slots.abandonClaim(slot);
			this.audit.record(actor, "restart", target, Map.of(), Outcome.FAILED, ex.getMessage());
			throw ex;
		}
		this.audit.record(actor, "restart", target, Map.of(), Outcome.DONE, "execution " + restarted.getId()
				+ (wait ? " ended " + restarted.getStatus() : " started") + ((recovered != null) ? "; " + recovered : ""));
		return new Restarted(restarted, recovered);
	}

	/** @throws OperationException CONFLICT when a later execution of the instance exists */
	void requireLast(JobExecution execution) {
		JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
		if (last != null && last.getId() != execution.getId()) {
			throw OperationException.conflict("execution " + execution.getId() + " is not the last of its job instance;"
					+ " execution " + last.getId() + " is (" + last.getStatus() + ")");
		}
	}

}
