package io.ambar.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import io.ambar.ops.ExecutionOwners.ExecutionOwner;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Tells a running execution from an orphaned one, whose process died (kill -9, crash, power loss) and left it
 * marked running. This is the check to make before {@code JobOperator.recover}, which does not look.
 * <p>
 * An owner counts as alive only while its instance's heartbeat is fresh and, on this host, only while a process
 * with its pid and the same start time exists: a pid alone is reused by unrelated processes, and in a container
 * the restarting JVM often gets the dead one's pid.
 */
@Component
public class ExecutionLiveness {

	/** A heartbeat this old means the instance is gone: it missed three refreshes. */
	public static final Duration STALE_AFTER = Duration.ofSeconds(3 * AmbarInstance.HEARTBEAT_SECONDS);

	/** Two readings of one process's start time differ by less than this (clock ticks, rounding). */
	private static final Duration SAME_START = Duration.ofSeconds(1);

	private final ExecutionOwners owners;

	ExecutionLiveness(ExecutionOwners owners) {
		this.owners = owners;
	}

	/** What is known of whether an execution still runs. */
	public enum State {

		/** Not marked running (COMPLETED, FAILED, STOPPED, ABANDONED, UNKNOWN). */
		NOT_RUNNING,

		/** Marked running and its owner is alive. */
		RUNNING,

		/** Marked running with no owner recorded yet, and updated moments ago: it may be starting. */
		STARTING,

		/** Marked running, but its owner is gone or was never recorded: nothing will ever end it. */
		ORPHANED

	}

	/** A state and why, in words for an operator. */
	public record Verdict(State state, String reason) {
	}

	/** Checks the execution as stored; never fails for lack of an owner record. */
	public Verdict check(JobExecution execution) {
		long id = execution.getId();
		if (!execution.getStatus().isRunning()) {
			return new Verdict(State.NOT_RUNNING, "execution " + id + " is " + execution.getStatus());
		}
		if (this.owners.runsHere(id)) {
			return new Verdict(State.RUNNING, "execution " + id + " runs in this process");
		}
		Optional<ExecutionOwner> owner = this.owners.owner(id);
		if (owner.isEmpty()) {
			if (updatedMomentsAgo(execution)) {
				return new Verdict(State.STARTING, "execution " + id + " has no owner recorded yet and was updated less than "
						+ STALE_AFTER.toSeconds() + " s ago; it may be starting");
			}
			return new Verdict(State.ORPHANED, "no process is recorded as running execution " + id);
		}
		String gone = whyGone(owner.get());
		return (gone != null) ? new Verdict(State.ORPHANED, gone)
				: new Verdict(State.RUNNING, "execution " + id + " is running in " + owner.get());
	}

	/** Why the owner is gone, or null when it is alive. */
	@Nullable String whyGone(ExecutionOwner owner) {
		AmbarInstance self = this.owners.instance();
		if (owner.stopped()) {
			return owner + " shut down";
		}
		if (owner.instanceId().equals(self.id())) {
			// this JVM owns it but does not run it (checked by the caller): its job thread is gone
			return owner + " (this process) no longer runs it";
		}
		if (owner.heartbeatAge().compareTo(STALE_AFTER) > 0) {
			return owner + " has not sent a heartbeat for " + owner.heartbeatAge().toSeconds() + " s";
		}
		if (owner.host().equals(self.host())) {
			Optional<ProcessHandle> process = ProcessHandle.of(owner.pid()).filter(ProcessHandle::isAlive);
			if (process.isEmpty()) {
				return owner + " is gone: no process has pid " + owner.pid();
			}
			Instant recorded = owner.processStart();
			Instant actual = process.get().info().startInstant().orElse(null);
			if (recorded != null && actual != null
					&& Duration.between(recorded, actual).abs().compareTo(SAME_START) > 0) {
				return owner + " is gone: pid " + owner.pid() + " now belongs to a process started at " + actual;
			}
		}
		return null;
	}

	private static boolean updatedMomentsAgo(JobExecution execution) {
		LocalDateTime lastUpdated = (execution.getLastUpdated() != null) ? execution.getLastUpdated()
				: execution.getCreateTime();
		return lastUpdated != null && Duration.between(lastUpdated, LocalDateTime.now()).compareTo(STALE_AFTER) < 0;
	}

}
