package io.ambar.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.stereotype.Component;

/**
 * The schedules as operators see and act on them: list, pause, resume, and run now. The command line uses it, and
 * the operator API will; it works on the shared store, in a server or in a command-line process alike, and its
 * changes reach every node.
 */
@Component
public class ScheduleService {

	private final ScheduleStore store;

	private final ScheduleLedger ledger;

	private final Clock clock;

	ScheduleService(ScheduleStore store, ScheduleLedger ledger, Clock clock) {
		this.store = store;
		this.ledger = ledger;
		this.clock = clock;
	}

	/**
	 * A schedule and what is recorded of it.
	 *
	 * @param nextFireTime when it fires next; null when paused or never again
	 * @param paused paused by an operator, or disabled in its file
	 * @param enabled false when its file says {@code enabled: false}
	 * @param lastFireTime the scheduled time of its last run, null before the first
	 * @param lastStatus how its last run ended (STARTED while it runs), null before the first
	 * @param lastSuccessFireTime the scheduled time of its last run that completed
	 * @param missedFirings fire times that passed while no node could fire them
	 * @param skippedOverlaps firings not run because an earlier run still ran
	 */
	public record ScheduleStatus(String name, String job, String cron, ZoneId zone, @Nullable Instant nextFireTime,
			boolean paused, boolean enabled, @Nullable Instant lastFireTime, @Nullable Long lastExecutionId,
			@Nullable String lastStatus, @Nullable Instant lastSuccessFireTime, long missedFirings,
			long skippedOverlaps) {
	}

	/** Every schedule in the store, by name. */
	public List<ScheduleStatus> list() {
		Map<String, ScheduleLedger.Entry> entries = new TreeMap<>();
		this.ledger.entries().forEach(entry -> entries.put(entry.name(), entry));
		return this.store.inTransaction((scheduler, jdbc) -> {
			List<ScheduleStatus> statuses = new ArrayList<>();
			for (JobKey key : new TreeSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzSchedules.GROUP)))) {
				statuses.add(status(scheduler, scheduler.getJobDetail(key), entries.get(key.getName())));
			}
			return statuses;
		});
	}

	/** A schedule as stored, with its status and what is recorded of it. */
	record Stored(Schedule schedule, ScheduleStatus status, ScheduleLedger.@Nullable Entry entry) {
	}

	/** Every schedule in the store, by name, with its declaration and its record. */
	List<Stored> stored() {
		Map<String, ScheduleLedger.Entry> entries = new TreeMap<>();
		this.ledger.entries().forEach(entry -> entries.put(entry.name(), entry));
		return this.store.inTransaction((scheduler, jdbc) -> {
			List<Stored> stored = new ArrayList<>();
			for (JobKey key : new TreeSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzSchedules.GROUP)))) {
				JobDetail job = scheduler.getJobDetail(key);
				ScheduleLedger.Entry entry = entries.get(key.getName());
				stored.add(new Stored(Schedule.fromData(key.getName(), job.getJobDataMap()), status(scheduler, job, entry),
						entry));
			}
			return stored;
		});
	}

	/**
	 * One schedule.
	 * @throws IllegalArgumentException when there is no schedule of that name; the message lists the schedules
	 */
	public ScheduleStatus status(String name) {
		return this.store.inTransaction((scheduler, jdbc) -> status(scheduler, job(scheduler, name),
				this.ledger.entry(name).orElse(null)));
	}

	/**
	 * Stops the schedule's firings on every node until it is resumed; a run in progress goes on.
	 * @throws IllegalArgumentException when there is no schedule of that name
	 */
	public ScheduleStatus pause(String name) {
		ScheduleStatus status = this.store.inTransaction((scheduler, jdbc) -> {
			JobDetail job = job(scheduler, name);
			scheduler.pauseJob(job.getKey());
			return status(scheduler, job, null);
		});
		this.ledger.expected(name, status.job(), null);
		return status(name);
	}

	/**
	 * Resumes a paused schedule. A fire time missed while it was paused is treated as its misfire policy says.
	 * @throws IllegalArgumentException when there is no schedule of that name
	 * @throws IllegalStateException when its file disables it ({@code enabled: false}): change the file instead
	 */
	public ScheduleStatus resume(String name) {
		ScheduleStatus status = this.store.inTransaction((scheduler, jdbc) -> {
			JobDetail job = job(scheduler, name);
			if (!Schedule.fromData(name, job.getJobDataMap()).enabled()) {
				throw new IllegalStateException("schedule " + name + " is disabled in its file (enabled: false); "
						+ "enable it there, and it is resumed when a server starts");
			}
			scheduler.resumeJob(job.getKey());
			return status(scheduler, job, null);
		});
		this.ledger.expected(name, status.job(), status.nextFireTime());
		return status(name);
	}

	/**
	 * Runs the schedule now, with its parameters, on whichever node takes the firing first (paused or not; its
	 * overlap policy applies), or as soon as a server runs if none does.
	 * @return the fire time the run stands for
	 * @throws IllegalArgumentException when there is no schedule of that name
	 */
	public Instant trigger(String name) {
		Instant now = this.clock.instant();
		this.store.inTransaction((scheduler, jdbc) -> {
			job(scheduler, name);
			return scheduler.scheduleJob(QuartzSchedules.manualTrigger(name, now));
		});
		return now;
	}

	/** Whether a server node has checked in to the cluster lately, so that a trigger is fired now. */
	public boolean serverRunning() {
		return this.store.inTransaction((scheduler, jdbc) -> jdbc.sql("""
				SELECT count(*) > 0 FROM qrtz_scheduler_state
				WHERE sched_name = ? AND last_checkin_time > ? - 2 * checkin_interval - 1000""")
			.params(scheduler.getSchedulerName(), this.clock.millis())
			.query(Boolean.class)
			.single());
	}

	private static JobDetail job(Scheduler scheduler, String name) throws SchedulerException {
		JobDetail job = scheduler.getJobDetail(QuartzSchedules.jobKey(name));
		if (job == null) {
			List<String> names = new ArrayList<>();
			scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzSchedules.GROUP))
				.forEach(key -> names.add(key.getName()));
			names.sort(null);
			throw new IllegalArgumentException("no schedule '" + name + "' (schedules: "
					+ (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
		}
		return job;
	}

	private static ScheduleStatus status(Scheduler scheduler, JobDetail job, ScheduleLedger.@Nullable Entry entry)
			throws SchedulerException {
		String name = job.getKey().getName();
		Schedule schedule = Schedule.fromData(name, job.getJobDataMap());
		TriggerKey key = QuartzSchedules.triggerKey(name);
		Trigger trigger = scheduler.getTrigger(key);
		boolean paused = trigger == null || scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
		Instant next = (paused || trigger.getNextFireTime() == null) ? null : trigger.getNextFireTime().toInstant();
		Optional<ScheduleLedger.Entry> recorded = Optional.ofNullable(entry);
		return new ScheduleStatus(name, schedule.job(), schedule.cron(), schedule.zone(), next, paused,
				schedule.enabled(), recorded.map(ScheduleLedger.Entry::lastFireTime).orElse(null),
				recorded.map(ScheduleLedger.Entry::lastExecutionId).orElse(null),
				recorded.map(ScheduleLedger.Entry::lastStatus).orElse(null),
				recorded.map(ScheduleLedger.Entry::lastSuccessFireTime).orElse(null),
				recorded.map(ScheduleLedger.Entry::missedFirings).orElse(0L),
				recorded.map(ScheduleLedger.Entry::skippedOverlaps).orElse(0L));
	}

}
