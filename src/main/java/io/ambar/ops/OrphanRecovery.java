package io.ambar.ops;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds executions no process will ever end, in {@code server}, on every node: marked running (or UNKNOWN) while
 * their owner is gone, as {@link ExecutionLiveness} tells. It marks each FAILED, saying why, and restarts those of
 * resumable jobs from their last commit, up to {@code max-attempts} times per job instance; several nodes may find
 * the same orphan, and the restart's {@link RunSlots slot} lets one of them restart it.
 */
public class OrphanRecovery implements SmartLifecycle {

	/** Automatic restarts so far, in the job execution context (a restart copies it to the new execution). */
	static final String ATTEMPTS = "ambar.automatic-restarts";

	private static final Log logger = LogFactory.getLog(OrphanRecovery.class);

	private final RecoverySettings settings;

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final JobCatalog catalog;

	private final ExecutionLiveness liveness;

	private final ExecutionActions actions;

	private final JobRestarts restarts;

	private final ApplicationEventPublisher events;

	private volatile ScheduledExecutorService timer;

	OrphanRecovery(RecoverySettings settings, JdbcClient jdbc, JobRepository repository, JobCatalog catalog,
			ExecutionLiveness liveness, ExecutionActions actions, JobRestarts restarts, ApplicationEventPublisher events) {
		this.settings = settings;
		this.jdbc = jdbc;
		this.repository = repository;
		this.catalog = catalog;
		this.liveness = liveness;
		this.actions = actions;
		this.restarts = restarts;
		this.events = events;
	}

	/** Looks once: recovers and restarts the orphans found. Failures are logged; the next round tries again. */
	public void recoverOrphans() {
		List<Long> candidates = this.jdbc.sql("""
				SELECT job_execution_id FROM batch_job_execution
				WHERE status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN') ORDER BY job_execution_id""")
			.query(Long.class)
			.list();
		for (long id : candidates) {
			try {
				recover(id);
			}
			catch (OperationException ex) {
				// alive after all, already recovered by another node, or not resumable: not ours to force
				logger.debug("Not recovering execution " + id + ": " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not recover execution " + id + ": " + ex.getMessage(), ex);
			}
		}
	}

	private void recover(long id) {
		JobExecution execution = this.repository.getJobExecution(id);
		if (execution == null) {
			return;
		}
		if (execution.getStatus() != BatchStatus.UNKNOWN
				&& this.liveness.check(execution).state() != ExecutionLiveness.State.ORPHANED) {
			return;
		}
		String recovered = this.actions.recover(id, Actor.recovery());
		logger.info("Recovered orphaned execution " + id + " of " + execution.getJobInstance().getJobName() + ": " + recovered);
		String job = execution.getJobInstance().getJobName();
		if (!this.catalog.describe(job).resumable()) {
			return;
		}
		JobExecution failed = this.repository.getJobExecution(id);
		ExecutionContext context = failed.getExecutionContext();
		long attempts = context.getLong(ATTEMPTS, 0L);
		if (attempts >= this.settings.maxAttempts()) {
			logger.warn("Not restarting execution " + id + " of " + job + ": " + attempts
					+ " automatic restarts already; it is left to an operator");
			return;
		}
		context.putLong(ATTEMPTS, attempts + 1);
		this.repository.updateExecutionContext(failed);
		JobRestarts.Restarted restarted = this.restarts.restart(id, Actor.recovery(), false);
		this.events.publishEvent(new ExecutionEvent(ExecutionEvent.Kind.RESTARTED_AUTOMATICALLY, job, id));
		logger.info("Restarted execution " + id + " of " + job + " as execution " + restarted.execution().getId()
				+ " (automatic restart " + (attempts + 1) + " of at most " + this.settings.maxAttempts() + ")");
	}

	@Override
	public void start() {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ambar-recovery");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.interval().toMillis();
		timer.scheduleWithFixedDelay(this::recoverOrphans, every, every, TimeUnit.MILLISECONDS);
		this.timer = timer;
	}

	@Override
	public void stop() {
		ScheduledExecutorService timer = this.timer;
		if (timer != null) {
			timer.shutdownNow();
		}
		this.timer = null;
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
