package io.ambar.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Makes the Quartz store hold exactly the schedules of the files: adds the new ones, updates the changed ones
 * (keeping an operator's pause unless the file's {@code enabled} changed), deletes the removed ones, and logs the
 * difference. Nodes starting together reconcile one after the other, each in one transaction under a PostgreSQL
 * advisory lock, so that the later ones find nothing left to do.
 */
@Component
class ScheduleReconciler {

	private final ScheduleStore store;

	private final ScheduleLedger ledger;

	private final Clock clock;

	ScheduleReconciler(ScheduleStore store, ScheduleLedger ledger, Clock clock) {
		this.store = store;
		this.ledger = ledger;
		this.clock = clock;
	}

	/**
	 * What reconciliation changed.
	 * @param added the new schedules
	 * @param updated each changed schedule with the fields that changed
	 * @param removed the deleted schedules
	 * @param unchanged how many were already as their files say
	 */
	record Diff(List<String> added, Map<String, List<String>> updated, List<String> removed, int unchanged) {

		@Override
		public String toString() {
			List<String> parts = new ArrayList<>();
			if (!this.added.isEmpty()) {
				parts.add("added " + String.join(", ", this.added));
			}
			this.updated
				.forEach((name, fields) -> parts.add("updated " + name + " (" + String.join(", ", fields) + ")"));
			if (!this.removed.isEmpty()) {
				parts.add("removed " + String.join(", ", this.removed));
			}
			parts.add(this.unchanged + " unchanged");
			return String.join("; ", parts);
		}

	}

	/**
	 * Reconciles the store with the schedules read from the files.
	 * @throws IllegalStateException when the store cannot be changed; nothing is changed then
	 */
	Diff reconcile(List<Schedule> schedules) {
		Map<String, Instant> expected = new LinkedHashMap<>();
		Diff diff = this.store.inTransaction((scheduler, jdbc) -> {
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('ambar.schedule-reconcile', 0))")
				.query((rs, row) -> 1)
				.single();
			Instant now = this.clock.instant();
			Set<String> stored = new TreeSet<>();
			scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzSchedules.GROUP))
				.forEach(key -> stored.add(key.getName()));
			List<String> added = new ArrayList<>();
			Map<String, List<String>> updated = new LinkedHashMap<>();
			int unchanged = 0;
			for (Schedule schedule : schedules) {
				JobDetail job = scheduler.getJobDetail(QuartzSchedules.jobKey(schedule.name()));
				if (job == null) {
					add(scheduler, schedule, now);
					added.add(schedule.name());
				}
				else {
					List<String> changed = update(scheduler, job, schedule, now);
					if (changed.isEmpty()) {
						unchanged++;
					}
					else {
						updated.put(schedule.name(), changed);
					}
				}
				expected.put(schedule.name(), nextFireTime(scheduler, schedule.name()));
			}
			List<String> removed = new ArrayList<>();
			for (String name : stored) {
				if (schedules.stream().noneMatch(schedule -> schedule.name().equals(name))) {
					scheduler.deleteJob(QuartzSchedules.jobKey(name));
					removed.add(name);
				}
			}
			return new Diff(added, updated, removed, unchanged);
		});
		for (Schedule schedule : schedules) {
			this.ledger.expected(schedule.name(), schedule.job(), expected.get(schedule.name()));
		}
		diff.removed().forEach(this.ledger::removed);
		return diff;
	}

	private static void add(Scheduler scheduler, Schedule schedule, Instant now) throws SchedulerException {
		scheduler.scheduleJob(QuartzSchedules.job(schedule), Set.of(QuartzSchedules.cronTrigger(schedule, now)), true);
		if (!schedule.enabled()) {
			scheduler.pauseJob(QuartzSchedules.jobKey(schedule.name()));
		}
	}

	/** Brings a stored schedule in line with its file; returns what changed, nothing when it was already. */
	private static List<String> update(Scheduler scheduler, JobDetail job, Schedule schedule, Instant now)
			throws SchedulerException {
		TriggerKey triggerKey = QuartzSchedules.triggerKey(schedule.name());
		Trigger trigger = scheduler.getTrigger(triggerKey);
		Map<String, String> old = stringMap(job.getJobDataMap().getWrappedMap());
		Map<String, String> fromFile = schedule.toData();
		List<String> changed = changedFields(old, fromFile);
		if (trigger == null) {
			changed.add(0, "trigger");
		}
		if (job.getJobClass() != ScheduledFiring.class) {
			changed.add(0, "job class");
		}
		if (changed.isEmpty()) {
			return changed;
		}
		boolean paused = trigger != null && scheduler.getTriggerState(triggerKey) == Trigger.TriggerState.PAUSED;
		boolean timing = trigger == null || changed.contains("cron") || changed.contains("zone")
				|| changed.contains("misfire");
		if (timing) {
			// replaces the job and its cron trigger; a new trigger is not paused
			scheduler.scheduleJob(QuartzSchedules.job(schedule), Set.of(QuartzSchedules.cronTrigger(schedule, now)),
					true);
		}
		else {
			scheduler.addJob(QuartzSchedules.job(schedule), true);
		}
		boolean wasEnabled = !"false".equals(old.get("enabled"));
		boolean pause = (wasEnabled != schedule.enabled()) ? !schedule.enabled() : paused;
		JobKey key = QuartzSchedules.jobKey(schedule.name());
		if (pause) {
			scheduler.pauseJob(key);
		}
		else if (paused) {
			scheduler.resumeJob(key);
		}
		return changed;
	}

	/** The names of the fields that differ, the parameters as one field. */
	private static List<String> changedFields(Map<String, String> old, Map<String, String> now) {
		Set<String> keys = new TreeSet<>(old.keySet());
		keys.addAll(now.keySet());
		Set<String> fields = new TreeSet<>();
		for (String key : keys) {
			if (!String.valueOf(old.get(key)).equals(String.valueOf(now.get(key)))) {
				fields.add(key.startsWith("parameter.") ? "parameters" : key);
			}
		}
		List<String> ordered = new ArrayList<>();
		ScheduleFiles.KEYS.stream().filter(fields::contains).forEach(ordered::add);
		fields.stream().filter(field -> !ScheduleFiles.KEYS.contains(field)).forEach(ordered::add);
		return ordered;
	}

	private static Map<String, String> stringMap(Map<String, ?> data) {
		Map<String, String> map = new LinkedHashMap<>();
		data.forEach((key, value) -> map.put(key, String.valueOf(value)));
		return map;
	}

	private static @Nullable Instant nextFireTime(Scheduler scheduler, String name) throws SchedulerException {
		TriggerKey key = QuartzSchedules.triggerKey(name);
		Trigger trigger = scheduler.getTrigger(key);
		if (trigger == null || trigger.getNextFireTime() == null
				|| scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED) {
			return null;
		}
		return trigger.getNextFireTime().toInstant();
	}

}
