package io.ambar.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.ambar.ops.ExecutionLiveness;
import io.ambar.ops.FireTimes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What one Quartz firing of a schedule does. Quartz only triggers: the firing settles which scheduled time it stands
 * for, applies the misfire deadline and the overlap policy, has {@link ScheduledLaunch} run the Spring Batch job
 * (once, or once per arrived inbox file, moving each file afterwards), and records what happened.
 * <p>
 * The time a firing stands for is its scheduled fire time; for Quartz's late firing of missed times (misfire:
 * run-once, fired "now") the last time missed; for a firing Quartz recovered after its node died, the time the
 * interrupted firing stood for.
 */
class ScheduledFiring implements org.quartz.Job {

	private static final Log logger = LogFactory.getLog(ScheduledFiring.class);

	/** How long a recovered firing waits for the dead node's run to be seen orphaned: its heartbeat going stale. */
	static final Duration DEAD_OWNER_WAIT = ExecutionLiveness.STALE_AFTER.plusSeconds(15);

	private final Map<String, Job> jobs = new TreeMap<>();

	private final ScheduledLaunch launch;

	private final OverlapGuard overlap;

	private final Inbox inbox;

	private final ScheduleLedger ledger;

	private final ScheduleStore store;

	private final Clock clock;

	ScheduledFiring(List<Job> jobs, ScheduledLaunch launch, OverlapGuard overlap,
			Inbox inbox, ScheduleLedger ledger, ScheduleStore store, Clock clock) {
		jobs.forEach(job -> this.jobs.put(job.getName(), job));
		this.launch = launch;
		this.overlap = overlap;
		this.inbox = inbox;
		this.ledger = ledger;
		this.store = store;
		this.clock = clock;
	}

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		String name = context.getJobDetail().getKey().getName();
		Schedule schedule = Schedule.fromData(name, context.getJobDetail().getJobDataMap());
		BooleanSupplier stopping = () -> stopping(context.getScheduler());
		try {
			Instant fireTime = fireTime(schedule, context);
			if (fireTime == null) {
				return;
			}
			boolean resuming = context.isRecovering() || QuartzSchedules.RESUME_GROUP.equals(group(context));
			Optional<OverlapGuard.Claim> claim = this.overlap.enter(schedule, context.getFireInstanceId(), fireTime,
					resuming, stopping);
			if (claim.isEmpty()) {
				if (!stopping.getAsBoolean()) {
					logger.info("Schedule " + name + ": skipped the run of " + fireTime + ": an earlier run still runs"
							+ " (overlap: " + schedule.overlap().text() + ")");
					this.ledger.skippedOverlap(name, schedule.job());
				}
				return;
			}
			boolean stopped;
			try (OverlapGuard.Claim held = claim.get()) {
				Duration deadOwnerWait = resuming ? DEAD_OWNER_WAIT : Duration.ZERO;
				if (schedule.inbox() != null) {
					stopped = runInbox(schedule, fireTime, deadOwnerWait, stopping);
				}
				else {
					stopped = !stopping.getAsBoolean() && run(schedule, fireTime, deadOwnerWait, stopping);
				}
			}
			if (stopped && stopping.getAsBoolean()) {
				resumeLater(schedule, fireTime);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// the next firing tries again; Quartz would only log it too
			logger.error("Schedule " + name + ": the firing of " + context.getScheduledFireTime() + " failed", ex);
		}
		finally {
			expectNext(schedule, context);
		}
	}

	/**
	 * The scheduled time the firing stands for, or null when it is a late run of a time older than the misfire
	 * deadline, which is then not run.
	 */
	private @Nullable Instant fireTime(Schedule schedule, JobExecutionContext context) {
		JobDataMap data = context.getMergedJobDataMap();
		String group = group(context);
		if (QuartzSchedules.RESUME_GROUP.equals(group)) {
			return Instant.parse(data.getString(QuartzSchedules.FIRE_TIME));
		}
		Instant scheduled = context.isRecovering()
				? Instant.ofEpochMilli(Long.parseLong(
						data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)))
				: context.getScheduledFireTime().toInstant();
		if (!QuartzSchedules.GROUP.equals(group)) {
			return scheduled;
		}
		FireTimes times = FireTimes.of(schedule.cron(), schedule.zone());
		Instant fireTime = times.lastAtOrBefore(scheduled);
		if (scheduled.equals(fireTime)) {
			// fired at a time of the cron, as every firing but a late run is (Quartz may fire a few ms early)
			return scheduled;
		}
		// Quartz's late run of missed times, fired "now" by its clock: it stands for the last time missed by ours
		Instant now = this.clock.instant();
		if (!context.isRecovering() && now.isBefore(scheduled)) {
			fireTime = times.lastAtOrBefore(now);
		}
		if (fireTime == null) {
			return scheduled;
		}
		if (!context.isRecovering()) {
			Duration late = Duration.between(fireTime, now);
			if (schedule.misfireDeadline() != null && late.compareTo(schedule.misfireDeadline()) > 0) {
				logger.info("Schedule " + schedule.name() + ": not running missed time " + fireTime + " late: it is "
						+ late.toMinutes() + " min old, past the misfire deadline of " + schedule.misfireDeadline());
				return null;
			}
			logger.info("Schedule " + schedule.name() + ": running missed time " + fireTime
					+ " late (misfire: run-once)");
		}
		return fireTime;
	}

	/** Runs the fire time; true when its run ended STOPPED. */
	private boolean run(Schedule schedule, Instant fireTime, Duration deadOwnerWait, BooleanSupplier stopping)
			throws Exception {
		return stopped(launch(schedule, fireTime, this.launch.parameters(schedule, fireTime), deadOwnerWait, stopping));
	}

	/** Runs the inbox's files; true when a run ended STOPPED, or files were left for a server stopping. */
	private boolean runInbox(Schedule schedule, Instant fireTime, Duration deadOwnerWait, BooleanSupplier stopping)
			throws Exception {
		Path dir = schedule.inbox();
		List<Inbox.Arrived> arrived;
		try {
			arrived = this.inbox.arrived(dir);
		}
		catch (IOException ex) {
			logger.warn("Schedule " + schedule.name() + ": cannot list inbox " + dir + ": " + ex);
			return false;
		}
		boolean stopped = false;
		for (Inbox.Arrived file : arrived) {
			if (stopping.getAsBoolean()) {
				return true;
			}
			// still as listed: not rewritten while earlier files ran
			if (!this.inbox.settled(file.file()).equals(Optional.of(file))) {
				continue;
			}
			ScheduledLaunch.Outcome outcome = launch(schedule, fireTime,
					this.launch.parameters(schedule, fireTime, file.file(), file.modified()), deadOwnerWait, stopping);
			moveRunFile(schedule, file.file(), outcome);
			stopped |= stopped(outcome);
		}
		return stopped;
	}

	private ScheduledLaunch.Outcome launch(Schedule schedule, Instant fireTime, JobParameters parameters,
			Duration deadOwnerWait, BooleanSupplier stopping) throws Exception {
		Job job = this.jobs.get(schedule.job());
		if (job == null) {
			throw new IllegalStateException("no job '" + schedule.job() + "' in this node");
		}
		this.ledger.started(schedule.name(), schedule.job(), fireTime,
				Duration.between(fireTime, this.clock.instant()));
		ScheduledLaunch.Outcome outcome = this.launch.launch(job, parameters, deadOwnerWait, stopping);
		record(schedule, fireTime, outcome);
		return outcome;
	}

	private static boolean stopped(ScheduledLaunch.Outcome outcome) {
		return outcome.result() == ScheduledLaunch.Result.RAN && outcome.execution() != null
				&& outcome.execution().getStatus() == BatchStatus.STOPPED;
	}

	/**
	 * Leaves a one-shot trigger that resumes the fire time, for a run this stopping server stopped (restartable):
	 * another node fires it now, or the next server to start does, and its launch restarts the stopped execution.
	 */
	private void resumeLater(Schedule schedule, Instant fireTime) {
		try {
			this.store.inTransaction((scheduler, jdbc) -> {
				Trigger resume = QuartzSchedules.resumeTrigger(schedule.name(), fireTime, this.clock.instant());
				if (!scheduler.checkExists(resume.getKey())) {
					scheduler.scheduleJob(resume);
				}
				return null;
			});
			logger.info("Schedule " + schedule.name() + ": the run of " + fireTime + " stopped with the server; "
					+ "it resumes on the next node to fire");
		}
		catch (RuntimeException ex) {
			logger.warn("Schedule " + schedule.name() + ": could not leave the stopped run of " + fireTime
					+ " to be resumed (restart it by hand): " + ex.getMessage());
		}
	}

	/** Moves a file whose run ended: completed to processed/, failed or abandoned to failed/; a stopped run stays. */
	private void moveRunFile(Schedule schedule, Path file, ScheduledLaunch.Outcome outcome) throws IOException {
		JobExecution execution = outcome.execution();
		if (execution == null || outcome.result() == ScheduledLaunch.Result.RUNNING_ELSEWHERE) {
			return;
		}
		BatchStatus status = execution.getStatus();
		String to = switch (status) {
			case COMPLETED -> Inbox.PROCESSED;
			case FAILED, ABANDONED, UNKNOWN -> Inbox.FAILED;
			// stopped (a server stopping): restartable, the file stays for the restart
			default -> null;
		};
		if (to != null) {
			this.inbox.move(file, to, execution.getId())
				.ifPresent(moved -> logger.info("Schedule " + schedule.name() + ": " + file + " -> " + moved));
		}
	}

	private void record(Schedule schedule, Instant fireTime, ScheduledLaunch.Outcome outcome) {
		JobExecution execution = outcome.execution();
		logger.info(
				"Schedule " + schedule.name() + ", " + fireTime + ": " + outcome.result() + ", " + outcome.reason());
		if (execution != null && outcome.result() != ScheduledLaunch.Result.RUNNING_ELSEWHERE) {
			this.ledger.finished(schedule.name(), schedule.job(), fireTime, execution);
		}
	}

	/** Records the next time the schedule's cron trigger fires: null while it is paused. */
	private void expectNext(Schedule schedule, JobExecutionContext context) {
		try {
			Scheduler scheduler = context.getScheduler();
			Trigger trigger = scheduler.getTrigger(QuartzSchedules.triggerKey(schedule.name()));
			boolean paused = trigger == null
					|| scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.PAUSED;
			this.ledger.expected(schedule.name(), schedule.job(), paused ? null
					: (trigger.getNextFireTime() != null) ? trigger.getNextFireTime().toInstant() : null);
		}
		catch (SchedulerException | RuntimeException ex) {
			logger.warn("Schedule " + schedule.name() + ": could not record the next fire time: " + ex.getMessage());
		}
	}

	private static String group(JobExecutionContext context) {
		return context.isRecovering()
				? context.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_GROUP)
				: context.getTrigger().getKey().getGroup();
	}

	private static boolean stopping(Scheduler scheduler) {
		try {
			return scheduler.isInStandbyMode() || scheduler.isShutdown();
		}
		catch (SchedulerException ex) {
			return true;
		}
	}

}
