package io.ambar.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records which {@link AmbarInstance} runs each job execution, from the job's start to its end, and keeps the
 * executions running in this JVM. Registered on every job (see {@link ExecutionOwnerConfiguration}), so that no job
 * can forget it.
 */
public class ExecutionOwners implements JobExecutionListener {

	private static final Log logger = LogFactory.getLog(ExecutionOwners.class);

	private final JdbcClient jdbc;

	private final AmbarInstance instance;

	/** How long after its end time a run in this JVM may go without its last update before its end is written. */
	static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

	private final JobRepository jobRepository;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	ExecutionOwners(JdbcClient jdbc, AmbarInstance instance, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.instance = instance;
		this.jobRepository = jobRepository;
		instance.onHeartbeat(() -> settleEnded(SETTLE_AFTER));
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

	/**
	 * Asks an execution running in this JVM to stop: marks it STOPPING in memory, where its job reads it. Each step's
	 * update at a chunk commit sees the mark and stops the step, the job ends STOPPED, and the job writes that itself.
	 * <p>
	 * Not through the repository, as a stop from another node must be: that write bumps the row's version, and when
	 * it lands between the job's version check and its own last update, the job's update fails on the version and
	 * the run stays STOPPING with its work done (seen in ScheduleClusterIT). JobOperator.stop (Batch 6.0.6) writes
	 * the same way, and also races the running step's update. The row says STARTED until the run ends STOPPED.
	 * <p>
	 * The status is a plain field, read by the job's threads after each chunk's database round trip: Spring Batch
	 * stops steps across threads the same way (StepExecution's terminateOnly is a plain field too).
	 */
	void askToStop(JobExecution running) {
		BatchStatus status = running.getStatus();
		if (status == BatchStatus.STARTING || status == BatchStatus.STARTED) {
			logger.info("Stopping execution " + running.getId() + " (" + running.getJobInstance().getJobName() + ")");
			running.setStatus(BatchStatus.STOPPING);
		}
	}

	/**
	 * Writes the end of runs in this JVM whose job ended (its end time is set) longer than {@code after} ago without
	 * its last update. A write to the row from another process between the job's version check and that update (an
	 * operator's stop from another node, through JobOperator.stop) fails the update on the version, and the job's
	 * thread ends without its listeners: the row would stay running or STOPPING under a live owner, which nothing
	 * recovers. The update here reads the row's status first, as the job's would have, and Spring Batch ends a run
	 * that has ended and was asked to stop STOPPED.
	 */
	void settleEnded(Duration after) {
		LocalDateTime endedBefore = LocalDateTime.now().minus(after);
		for (JobExecution execution : List.copyOf(this.running.values())) {
			LocalDateTime end = execution.getEndTime();
			if (end == null || end.isAfter(endedBefore)) {
				continue;
			}
			try {
				this.jobRepository.update(execution);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not write the end of execution " + execution.getId() + ": " + ex.getMessage());
				continue;
			}
			logger.warn("Execution " + execution.getId() + " ended at " + end + " but its last update failed;"
					+ " written now: " + execution.getStatus());
			afterJob(execution);
		}
	}

	/** The execution if it runs in this JVM now, as its job sees it. */
	Optional<JobExecution> runningHere(long executionId) {
		return Optional.ofNullable(this.running.get(executionId));
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
