package io.ambar.ops;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.ambar.feed.FeedParameters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
		JobExecution failed = this.repository.getJobExecution(id);
		ExecutionContext context = failed.getExecutionContext();
		long attempts = context.getLong(ATTEMPTS, 0L);
		String left = leftToOperator(failed, attempts);
		if (left != null) {
			logger.warn("Not restarting execution " + id + ": " + left);
			return;
		}
		context.putLong(ATTEMPTS, attempts + 1);
		this.repository.updateExecutionContext(failed);
		JobRestarts.Restarted restarted = this.restarts.restart(id, Actor.recovery(), false);
		this.events.publishEvent(new ExecutionEvent(ExecutionEvent.Kind.RESTARTED_AUTOMATICALLY, job, id));
		logger.info("Restarted execution " + id + " of " + job + " as execution " + restarted.execution().getId()
				+ " (automatic restart " + (attempts + 1) + " of at most " + this.settings.maxAttempts() + ")");
	}

	/**
	 * What the next round will do with an execution found orphaned, in words: the rule {@link #recoverOrphans}
	 * follows, for operators who see it before it happens.
	 */
	public String plan(JobExecution orphan) {
		String within = "within about " + this.settings.interval().toSeconds() + " s";
		long attempts = orphan.getExecutionContext().getLong(ATTEMPTS, 0L);
		String left = leftToOperator(orphan, attempts);
		return (left == null) ? "marked FAILED and restarted from its last commit " + within + " (automatic restart "
				+ (attempts + 1) + " of " + this.settings.maxAttempts() + ")"
				: "marked FAILED " + within + ", not restarted here: " + left;
	}

	/** Why an orphan is not restarted here, or null when it is. */
	private @Nullable String leftToOperator(JobExecution orphan, long attempts) {
		String job = orphan.getJobInstance().getJobName();
		String schedule = orphan.getJobParameters().getString(FeedParameters.SCHEDULE);
		if (schedule != null) {
			// Quartz fires the dead node's firing again on a live node, which resumes its run: two mechanisms
			// resuming one run would race for it, and keep a firing waiting on the other
			return "schedule " + schedule + " resumes its own runs";
		}
		if (!this.catalog.describe(job).resumable()) {
			return job + " cannot resume from its commits";
		}
		if (this.settings.maxAttempts() == 0) {
			return "automatic restarts are off (ambar.recovery.max-attempts is 0)";
		}
		if (attempts >= this.settings.maxAttempts()) {
			return attempts + " automatic restarts already, the most ambar.recovery.max-attempts allows";
		}
		return null;
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
