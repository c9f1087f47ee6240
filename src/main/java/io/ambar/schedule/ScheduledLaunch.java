package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

import io.ambar.feed.FeedParameters;
import io.ambar.ops.Actor;
import io.ambar.ops.ExecutionActions;
import io.ambar.ops.ExecutionLiveness;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.JobRestarts;
import io.ambar.ops.OperationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The one place where a schedule's firing becomes a launch or a restart, through the operations layer like every
 * face (its job's slot, its audit; the actor is the scheduler).
 * <p>
 * The run of a scheduled time is one job instance, identified by the schedule and the fire time, so a firing that
 * runs twice (recovery after a node crash, a race) finds the instance of the first and never makes a second
 * effective run: a completed instance is left alone, a failed or stopped one restarted, a running one whose process
 * is gone marked failed and restarted, and a running one that is alive left to its node. An inbox run is
 * identified by the schedule, the file and its modification time instead, whichever firing saw it first.
 */
@Component
class ScheduledLaunch {

	private static final Log logger = LogFactory.getLog(ScheduledLaunch.class);

	/** An instance without an execution for this long was left by a launch that failed or died. */
	static final Duration WITHOUT_EXECUTION = Duration.ofSeconds(10);

	private final JobLaunches launches;

	private final JobRestarts restarts;

	private final ExecutionActions actions;

	private final JobRepository jobRepository;

	private final ExecutionLiveness liveness;

	private final Clock clock;

	ScheduledLaunch(JobLaunches launches, JobRestarts restarts, ExecutionActions actions, JobRepository jobRepository,
			ExecutionLiveness liveness, Clock clock) {
		this.launches = launches;
		this.restarts = restarts;
		this.actions = actions;
		this.jobRepository = jobRepository;
		this.liveness = liveness;
		this.clock = clock;
	}

	/** What became of a launch. */
	record Outcome(Result result, @Nullable JobExecution execution, String reason) {

		static Outcome ran(JobExecution execution) {
			return new Outcome(Result.RAN, execution,
					"execution " + execution.getId() + " ended " + execution.getStatus());
		}

	}

	enum Result {

		/** This launch ran (or resumed) the instance to its end; the execution says how it ended. */
		RAN,

		/** The instance had completed before: nothing to do. */
		ALREADY_RAN,

		/** The instance is running elsewhere, alive: left to its node. */
		RUNNING_ELSEWHERE,

		/** The instance cannot be run again (abandoned, or its end unknown); an operator decides. */
		NOT_RUNNABLE

	}

	/**
	 * The parameters of the run of a fire time: the schedule's own, {@code schedule} and {@code fire-time}
	 * (identifying), {@code as-of} = the fire time and {@code launched-at}.
	 */
	JobParameters parameters(Schedule schedule, Instant fireTime) {
		JobParametersBuilder builder = common(schedule, fireTime, fireTime);
		builder.addString(FeedParameters.FIRE_TIME, fireTime.toString(), true);
		return builder.toJobParameters();
	}

	/**
	 * The parameters of an inbox file's run: the schedule's own, {@code schedule}, the {@code file} and its
	 * {@code as-of} = its modification time (identifying: the file's run, whichever firing saw it), and the
	 * {@code fire-time} of the firing that ran it.
	 */
	JobParameters parameters(Schedule schedule, Instant fireTime, Path file, Instant modified) {
		JobParametersBuilder builder = common(schedule, fireTime, modified);
		builder.addString(FeedParameters.FIRE_TIME, fireTime.toString(), false);
		builder.addString(FeedParameters.FILE, file.toAbsolutePath().normalize().toString(), true);
		builder.addString(FeedParameters.AS_OF, modified.toString(), true);
		return builder.toJobParameters();
	}

	private JobParametersBuilder common(Schedule schedule, Instant fireTime, Instant asOf) {
		JobParametersBuilder builder = new JobParametersBuilder();
		schedule.parameters()
			.forEach((key, value) -> builder.addString(key, value, key.equals(FeedParameters.FILE)));
		builder.addString(FeedParameters.SCHEDULE, schedule.name(), true);
		builder.addString(FeedParameters.AS_OF, asOf.toString(), false);
		builder.addString(FeedParameters.LAUNCHED_AT,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS).toString(), false);
		return builder;
	}

	/**
	 * Runs the instance of these parameters to its end, unless it ran or runs already.
	 * @param deadOwnerWait how long to wait for the owner of a running instance to be seen dead before leaving it
	 * to its node: a firing that Quartz recovered after a node died may look before that node's heartbeat is stale
	 * @param stopping true once the server stops: a waiting launch gives up
	 * @throws Exception what JobOperator threw (invalid parameters, a restart it refused)
	 */
	Outcome launch(Job job, JobParameters parameters, Duration deadOwnerWait, BooleanSupplier stopping)
			throws Exception {
		long waitUntil = System.nanoTime() + deadOwnerWait.toNanos();
		Long noExecutionSince = null;
		int races = 0;
		while (true) {
			JobInstance instance = this.jobRepository.getJobInstance(job.getName(), parameters);
			if (instance == null) {
				try {
					return Outcome.ran(this.launches.start(job, parameters, Actor.scheduler(), true));
				}
				catch (OperationException | DuplicateKeyException ex) {
					if (ex instanceof OperationException refused && refused.kind() != OperationException.Kind.CONFLICT) {
						throw refused;
					}
					// another firing created the instance between our look and our start: look again
					logger.info("Another launch of " + parameters + " came first: " + ex.getMessage());
					if (++races > 3) {
						throw ex;
					}
					continue;
				}
			}
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last == null) {
				// its launch stores the execution a moment after the instance, unless it failed or died in between,
				// and then no launch can ever use the instance again
				long now = System.nanoTime();
				noExecutionSince = (noExecutionSince != null) ? noExecutionSince : now;
				if (now - noExecutionSince >= WITHOUT_EXECUTION.toNanos()) {
					logger.warn("Deleting " + instance + ": it has had no execution for "
							+ WITHOUT_EXECUTION.toSeconds() + " s; the launch that created it failed or died first");
					this.jobRepository.deleteJobInstance(instance);
					continue;
				}
				if (stopping.getAsBoolean()) {
					return new Outcome(Result.RUNNING_ELSEWHERE, null, "instance " + instance.getId() + " is starting");
				}
				Thread.sleep(OverlapGuard.POLL.toMillis());
				continue;
			}
			switch (last.getStatus()) {
				case COMPLETED:
					return new Outcome(Result.ALREADY_RAN, last, "execution " + last.getId() + " completed it before");
				case ABANDONED:
				case UNKNOWN:
					return new Outcome(Result.NOT_RUNNABLE, last,
							"execution " + last.getId() + " is " + last.getStatus() + "; an operator decides");
				case FAILED:
				case STOPPED:
					logger.info(
							"Restarting " + last.getStatus() + " execution " + last.getId() + " (" + instance + ")");
					try {
						return Outcome.ran(this.restarts.restart(last.getId(), Actor.scheduler(), true).execution());
					}
					catch (OperationException ex) {
						// another firing restarts it, or restarted it meanwhile: look again
						logger.info("Not restarting execution " + last.getId() + ": " + ex.getMessage());
						if (++races > 3 || ex.kind() != OperationException.Kind.CONFLICT) {
							throw ex;
						}
						continue;
					}
				default:
					ExecutionLiveness.Verdict verdict = this.liveness.check(last);
					if (verdict.state() == ExecutionLiveness.State.ORPHANED) {
						logger.info("Marking execution " + last.getId() + " FAILED to resume it: " + verdict.reason());
						try {
							this.actions.recover(last.getId(), Actor.scheduler());
						}
						catch (OperationException ex) {
							// recovered by another node (or seen alive) meanwhile: look again
							logger.info("Not recovering execution " + last.getId() + ": " + ex.getMessage());
						}
						continue;
					}
					if (!waited(waitUntil, stopping)) {
						return new Outcome(Result.RUNNING_ELSEWHERE, last, verdict.reason());
					}
			}
		}
	}

	/** Waits a moment before looking again; false when the wait is over or the server stops. */
	private static boolean waited(long waitUntil, BooleanSupplier stopping) throws InterruptedException {
		if (System.nanoTime() - waitUntil >= 0 || stopping.getAsBoolean()) {
			return false;
		}
		Thread.sleep(OverlapGuard.POLL.toMillis());
		return true;
	}

}
