package io.ambar.ops;

import java.util.Map;

import io.ambar.feed.AppliedFeeds;
import io.ambar.feed.StagingTables;
import io.ambar.ops.AuditLog.Outcome;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Stopping, abandoning and recovering an execution: what may be done to it in each state, decided here for every
 * face and audited.
 */
@Component
public class ExecutionActions {

	private final JobExecutions executions;

	private final JobRepository repository;

	private final JobCatalog catalog;

	private final JobOperators operators;

	private final ExecutionLiveness liveness;

	private final ExecutionOwners owners;

	private final RunSlots slots;

	private final StagingTables stagingTables;

	private final AppliedFeeds appliedFeeds;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	ExecutionActions(JobExecutions executions, JobRepository repository, JobCatalog catalog, JobOperators operators,
			ExecutionLiveness liveness, ExecutionOwners owners, RunSlots slots, StagingTables stagingTables,
			AppliedFeeds appliedFeeds, AuditLog audit, ApplicationEventPublisher events) {
		this.executions = executions;
		this.repository = repository;
		this.catalog = catalog;
		this.operators = operators;
		this.liveness = liveness;
		this.owners = owners;
		this.slots = slots;
		this.stagingTables = stagingTables;
		this.appliedFeeds = appliedFeeds;
		this.audit = audit;
		this.events = events;
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary; it ends STOPPED and can be restarted. Works on
	 * any node: a run in this JVM is asked in memory, another node's through the job repository.
	 * @return what was done, in words
	 * @throws OperationException CONFLICT unless it is running and its owner alive
	 */
	public String stop(long id, Actor actor) {
		return audited(actor, "stop", id, () -> {
			JobExecution execution = this.executions.byId(id);
			JobExecution here = this.owners.runningHere(id).orElse(null);
			if (execution.getStatus() == BatchStatus.STOPPING
					|| (here != null && here.getStatus() == BatchStatus.STOPPING)) {
				throw OperationException.conflict("execution " + id + " is already stopping");
			}
			ExecutionLiveness.Verdict verdict = this.liveness.check(execution);
			if (verdict.state() == ExecutionLiveness.State.ORPHANED) {
				throw OperationException.conflict(verdict.reason() + ": nothing runs to stop; recover or restart it");
			}
			if (here != null) {
				// in memory: a write to the repository can race the job's own last update (ExecutionOwners.askToStop)
				this.owners.askToStop(here);
			}
			else {
				try {
					this.operators.operator().stop(execution);
				}
				catch (JobExecutionNotRunningException ex) {
					throw OperationException.conflict("execution " + id + " is " + execution.getStatus() + ", not running");
				}
			}
			return "execution " + id + " stops at its next chunk boundary, then ends STOPPED (restartable)";
		});
	}

	/**
	 * Gives up an execution for good: its job instance is closed (a new run needs new parameters), its staging
	 * tables and its claim on a feed go, and its slot is freed. The only way out of UNKNOWN.
	 * @throws OperationException CONFLICT when it is running, COMPLETED or already ABANDONED
	 */
	public String abandon(long id, Actor actor) {
		return audited(actor, "abandon", id, () -> {
			JobExecution execution = this.executions.byId(id);
			JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
			if (last != null && last.getId() != id) {
				throw OperationException.conflict("execution " + id + " is not the last of its job instance;"
						+ " execution " + last.getId() + " is (" + last.getStatus() + ")");
			}
			if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED) {
				throw OperationException.conflict("execution " + id + " is " + execution.getStatus()
						+ "; there is nothing to abandon");
			}
			try {
				this.operators.operator().abandon(execution);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw OperationException.conflict("execution " + id + " is " + execution.getStatus()
						+ "; stop it first, or recover it if its process is gone");
			}
			this.stagingTables.dropAll(execution.getJobInstanceId());
			this.appliedFeeds.withdraw(execution.getJobInstanceId());
			this.slots.release(id);
			publish(ExecutionEvent.Kind.ABANDONED, execution);
			return "execution " + id + " abandoned: its job instance is closed for good, a new run needs new"
					+ " parameters (run the feed again to apply it)";
		});
	}

	/**
	 * Marks an execution whose owner is gone FAILED, so it can be restarted: a running one whose process died, or
	 * an UNKNOWN one of a resumable job (its steps resume from what they committed).
	 * @throws OperationException CONFLICT when it runs, or is neither running nor UNKNOWN
	 */
	public String recover(long id, Actor actor) {
		return audited(actor, "recover", id, () -> {
			JobExecution execution = this.executions.byId(id);
			if (execution.getStatus() == BatchStatus.UNKNOWN) {
				return recoverUnknown(execution);
			}
			if (!execution.getStatus().isRunning()) {
				throw OperationException.conflict("execution " + id + " is " + execution.getStatus()
						+ "; only an orphaned running or an UNKNOWN execution is recovered");
			}
			return "execution " + id + " marked FAILED: " + recoverOrphan(execution, actor);
		});
	}

	/**
	 * Marks a running execution FAILED if its owner is gone, frees its owner record and slot.
	 * @return why it was recovered
	 * @throws OperationException CONFLICT when its owner is alive or may be starting it
	 */
	String recoverOrphan(JobExecution execution, Actor actor) {
		ExecutionLiveness.Verdict verdict = this.liveness.check(execution);
		if (verdict.state() != ExecutionLiveness.State.ORPHANED) {
			throw OperationException.conflict(verdict.reason()
					+ ((verdict.state() == ExecutionLiveness.State.STARTING) ? "; if its process is gone, try again then" : ""));
		}
		this.operators.operator().recover(execution);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription("recovered by " + actor + ": " + verdict.reason()));
		this.repository.update(execution);
		this.owners.release(execution.getId());
		this.slots.release(execution.getId());
		publish(ExecutionEvent.Kind.RECOVERED, execution);
		return verdict.reason();
	}

	private String recoverUnknown(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		if (!this.catalog.describe(job).resumable()) {
			throw OperationException.conflict("execution " + execution.getId() + " is UNKNOWN and " + job
					+ " cannot resume from its commits; abandon it and run it again");
		}
		boolean ownerAlive = this.owners.owner(execution.getId())
			.map(owner -> this.liveness.whyGone(owner) == null)
			.orElse(false);
		if (ownerAlive) {
			throw OperationException.conflict("execution " + execution.getId() + " is UNKNOWN but its owner is alive");
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(
				"was UNKNOWN (its end could not be recorded); marked FAILED to resume from its last commits"));
		this.repository.update(execution);
		this.owners.release(execution.getId());
		this.slots.release(execution.getId());
		publish(ExecutionEvent.Kind.RECOVERED, execution);
		return "execution " + execution.getId() + " was UNKNOWN, now FAILED: restart it to resume from its last commits";
	}

	private void publish(ExecutionEvent.Kind kind, JobExecution execution) {
		this.events.publishEvent(new ExecutionEvent(kind, execution.getJobInstance().getJobName(), execution.getId()));
	}

	private String audited(Actor actor, String action, long id, java.util.function.Supplier<String> work) {
		try {
			String done = work.get();
			this.audit.record(actor, action, "execution " + id, Map.of(), Outcome.DONE, done);
			return done;
		}
		catch (OperationException ex) {
			this.audit.record(actor, action, "execution " + id, Map.of(), Outcome.REFUSED, ex.getMessage());
			throw ex;
		}
	}

}
