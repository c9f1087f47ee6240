package io.ambar.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records which {@link AmbarInstance} runs each job execution, from the job's start to its end, and keeps the
 * executions running in this JVM. Registered on every job (see {@link ExecutionOwnerConfiguration}), so that no job
 * can forget it.
 */
public class ExecutionOwners implements JobExecutionListener {

	private final JdbcClient jdbc;

	private final AmbarInstance instance;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	ExecutionOwners(JdbcClient jdbc, AmbarInstance instance) {
		this.jdbc = jdbc;
		this.instance = instance;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.instance.register();
		this.running.put(execution.getId(), execution);
		this.jdbc.sql("""
				INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)
				ON CONFLICT (job_execution_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, started_at = now()""")
			.params(execution.getId(), this.instance.id())
			.update();
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
		release(execution.getId());
	}

	/** The owner recorded for an execution, if any: it runs there, or it died there. */
	public Optional<ExecutionOwner> owner(long executionId) {
		return this.jdbc.sql("""
				SELECT i.instance_id, i.host, i.pid, i.process_started_at, i.stopped_at IS NOT NULL,
				       extract(epoch FROM now() - i.heartbeat_at)
				FROM execution_owner o JOIN ambar_instance i ON i.instance_id = o.instance_id
				WHERE o.job_execution_id = ?""")
			.param(executionId)
			.query((rs, n) -> {
				var start = rs.getTimestamp(4);
				return new ExecutionOwner(executionId, rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
						(start != null) ? start.toInstant() : null, rs.getBoolean(5),
						Duration.ofMillis(Math.round(rs.getDouble(6) * 1000)));
			})
			.optional();
	}

	/** Forgets the owner of an execution: it ended, or it is known to be gone. */
	public void release(long executionId) {
		this.jdbc.sql("DELETE FROM execution_owner WHERE job_execution_id = ?").param(executionId).update();
	}

	/** Whether this JVM runs the execution now. */
	public boolean runsHere(long executionId) {
		return this.running.containsKey(executionId);
	}

	/** The executions running in this JVM. */
	public Collection<JobExecution> running() {
		return this.running.values();
	}

	/** This JVM's instance. */
	public AmbarInstance instance() {
		return this.instance;
	}

	/**
	 * The instance recorded as running an execution.
	 *
	 * @param processStart the start time of its process as the process saw it, null where the platform cannot tell
	 * @param stopped whether the instance shut down cleanly
	 * @param heartbeatAge since its last heartbeat, by the database clock (the one clock every host shares)
	 */
	public record ExecutionOwner(long executionId, UUID instanceId, String host, long pid, @Nullable Instant processStart,
			boolean stopped, Duration heartbeatAge) {

		@Override
		public String toString() {
			return "instance " + this.instanceId + " (pid " + this.pid + " on " + this.host + ")";
		}

	}

}
