package io.ambar.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ambar.feed.FeedParameters;
import io.ambar.job.JobDescription;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run at a time, across nodes: a job's slot (or its identity's, as its description says) is held in
 * {@code run_slot} by the execution running in it. A launch or restart claims the slot in a transaction of its own
 * that locks the row, so that concurrent requests on any node queue on it and all but one are refused; the slot is
 * freed when its execution ends, and taken over when its execution is no longer running or its owner is gone.
 */
public class RunSlots implements JobExecutionListener {

	/** A claim not yet attached to an execution is the launch that made it, starting; older, it died starting. */
	private static final Duration STARTING = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final ExecutionLiveness liveness;

	private final TransactionTemplate ownTransaction;

	private final Map<String, JobDescription> descriptions = new HashMap<>();

	private final JobExecutions executions;

	RunSlots(JdbcClient jdbc, JobRepository jobRepository, JobExecutions executions, ExecutionLiveness liveness,
			PlatformTransactionManager transactionManager, List<JobDescription> descriptions) {
		this.executions = executions;
		descriptions.forEach(description -> this.descriptions.put(description.name(), description));
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.liveness = liveness;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The slot a run of the job with these parameters takes: the job's, or its identity's (the identifying
	 * parameters, the launch's own {@code run.id} aside, a file by its normalised path).
	 */
	static String slotOf(JobDescription description, JobParameters parameters) {
		if (description.concurrency() == JobDescription.Concurrency.ONE_PER_JOB) {
			return description.name();
		}
		StringBuilder slot = new StringBuilder(description.name());
		parameters.getIdentifyingParameters()
			.stream()
			.filter(parameter -> !parameter.name().equals(FeedParameters.RUN_ID))
			.sorted(Comparator.comparing(JobParameter::name))
			.forEach(parameter -> slot.append(' ').append(parameter.name()).append('=').append(
					parameter.name().equals(FeedParameters.FILE)
							? Path.of(String.valueOf(parameter.value())).toAbsolutePath().normalize().toString()
							: String.valueOf(parameter.value())));
		return slot.toString();
	}

	/**
	 * Claims the slot for a run about to start.
	 * @throws OperationException CONFLICT naming the execution that holds it
	 */
	void claim(String slot) {
		this.ownTransaction.executeWithoutResult(status -> {
			this.jdbc.sql("INSERT INTO run_slot (slot, job_execution_id, claimed_at) VALUES (?, NULL, now() - interval '1 day')"
					+ " ON CONFLICT (slot) DO NOTHING").param(slot).update();
			Holder holder = this.jdbc.sql("""
					SELECT job_execution_id, extract(epoch FROM now() - claimed_at) FROM run_slot WHERE slot = ? FOR UPDATE""")
				.param(slot)
				.query((rs, n) -> new Holder((Long) rs.getObject(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000))))
				.single();
			String busy = busy(holder);
			if (busy != null) {
				throw OperationException.conflict("one run at a time: " + busy + " (" + slot + ")");
			}
			this.jdbc.sql("UPDATE run_slot SET job_execution_id = NULL, claimed_at = now() WHERE slot = ?").param(slot).update();
		});
	}

	/**
	 * The execution takes the slot its launch claimed. A run launched around the operations layer (a test, a
	 * plain JobOperator call) takes a free slot too, and goes unchecked past a taken one.
	 */
	@Override
	public void beforeJob(JobExecution execution) {
		JobDescription description = this.descriptions.get(execution.getJobInstance().getJobName());
		if (description == null) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO run_slot (slot, job_execution_id) VALUES (?, ?)
				ON CONFLICT (slot) DO UPDATE SET job_execution_id = EXCLUDED.job_execution_id
				WHERE run_slot.job_execution_id IS NULL""")
			.params(slotOf(description, execution.getJobParameters()), execution.getId())
			.update();
	}

	/** Frees the slot a launch claimed but could not start. */
	void abandonClaim(String slot) {
		this.jdbc.sql("DELETE FROM run_slot WHERE slot = ? AND job_execution_id IS NULL").param(slot).update();
	}

	/** Frees whatever slot the execution holds. */
	void release(long executionId) {
		this.jdbc.sql("DELETE FROM run_slot WHERE job_execution_id = ?").param(executionId).update();
	}

	@Override
	public void afterJob(JobExecution execution) {
		release(execution.getId());
	}

	/** Why the slot is busy, or null when it may be taken. */
	private @Nullable String busy(Holder holder) {
		if (holder.executionId() == null) {
			return holder.age().compareTo(STARTING) < 0 ? "another launch of it is starting" : null;
		}
		if (!this.executions.isRunning(holder.executionId())) {
			return null;
		}
		JobExecution execution = this.jobRepository.getJobExecution(holder.executionId());
		ExecutionLiveness.State state = this.liveness.check(execution).state();
		return (state == ExecutionLiveness.State.RUNNING || state == ExecutionLiveness.State.STARTING)
				? "execution " + execution.getId() + " of " + execution.getJobInstance().getJobName() + " is "
						+ execution.getStatus()
				: null;
	}

	private record Holder(@Nullable Long executionId, Duration age) {
	}

}
