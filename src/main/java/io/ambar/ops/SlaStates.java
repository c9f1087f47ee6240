package io.ambar.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ambar.ops.Schedules.Schedule;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Whether a job keeps to its schedules. For each active schedule (enabled, not paused, not an inbox: an inbox runs
 * when files arrive, not on time) the last fire time due by its cron is met by a successful run since, launched
 * by the schedule or by hand; the job's state is its worst schedule's:
 * <ul>
 * <li>{@link State#MISSED} when a fire time passed with no successful run for it: the fire time before the last
 * went by without one, or the run for the last one ended unsuccessfully;</li>
 * <li>{@link State#LATE} when the run for the last fire time has not completed within the grace period
 * ({@code ambar.sla.grace}), started or not;</li>
 * <li>{@link State#ON_TIME} otherwise, and {@link State#NONE} for a job no active schedule runs.</li>
 * </ul>
 */
@Component
public class SlaStates {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV", Locale.ROOT);

	private static final Set<String> UNSUCCESSFUL = Set.of("FAILED", "STOPPED", "ABANDONED", "UNKNOWN");

	private final Duration grace;

	SlaStates(SlaSettings settings) {
		this.grace = settings.grace();
	}

	/** A job's SLA state, worst last. */
	public enum State {

		/** No active schedule: nothing to keep to. */
		NONE,

		/** Every schedule's last fire time has its successful run, or is still within its grace period. */
		ON_TIME,

		/** A run due by a schedule has not completed within the grace period. */
		LATE,

		/** A fire time passed with no successful run for it. */
		MISSED

	}

	/** A state and why, in words, naming the schedule and the fire time. */
	public record Sla(State state, String reason) {
	}

	/**
	 * Judges a job by its schedules.
	 * @param schedules the job's schedules (others are ignored by the caller)
	 * @param lastSuccess when the job's last successful run was launched, by a schedule or by hand; null for never
	 * @param now the time to judge at
	 */
	public Sla of(List<Schedule> schedules, @Nullable Instant lastSuccess, Instant now) {
		List<Schedule> active = schedules.stream()
			.filter(schedule -> schedule.enabled() && !schedule.paused() && schedule.inbox() == null)
			.toList();
		if (active.isEmpty()) {
			return new Sla(State.NONE, schedules.isEmpty() ? "no schedule runs it"
					: "no active schedule: paused, disabled or waiting for files in an inbox");
		}
		return active.stream()
			.map(schedule -> judge(schedule, lastSuccess, now))
			.max(Comparator.comparing(Sla::state))
			.orElseThrow();
	}

	private Sla judge(Schedule schedule, @Nullable Instant jobSuccess, Instant now) {
		ZoneId zone;
		FireTimes times;
		try {
			zone = ZoneId.of(schedule.zone());
			times = FireTimes.of(schedule.cron(), zone);
		}
		catch (RuntimeException ex) {
			return new Sla(State.NONE, schedule.name() + ": cannot read its cron and zone (" + ex.getMessage() + ")");
		}
		Instant due = times.lastAtOrBefore(now);
		if (due == null) {
			return new Sla(State.ON_TIME, schedule.name() + ": not due yet");
		}
		Instant success = latest(schedule.lastSuccess(), jobSuccess);
		String dueAt = WHEN.format(due.atZone(zone));
		if (success != null && !success.isBefore(due)) {
			return new Sla(State.ON_TIME, schedule.name() + ": ran successfully for " + dueAt);
		}
		Instant previous = times.lastAtOrBefore(due.minusSeconds(1));
		if (previous != null && (success == null || success.isBefore(previous))) {
			return new Sla(State.MISSED, schedule.name() + ": no successful run for " + WHEN.format(previous.atZone(zone))
					+ ((success != null) ? " (last success " + WHEN.format(success.atZone(zone)) + ")" : ""));
		}
		boolean ranForDue = schedule.lastRun() != null && !schedule.lastRun().isBefore(due);
		String outcome = (schedule.lastOutcome() != null) ? schedule.lastOutcome().toUpperCase(Locale.ROOT) : "";
		if (ranForDue && UNSUCCESSFUL.stream().anyMatch(outcome::startsWith)) {
			return new Sla(State.MISSED, schedule.name() + ": the run for " + dueAt + " ended " + schedule.lastOutcome());
		}
		if (now.isAfter(due.plus(this.grace))) {
			return new Sla(State.LATE, schedule.name() + ": " + (ranForDue ? "the run for " + dueAt + " has not completed"
					: "no run has started for " + dueAt) + " within " + minutes(this.grace));
		}
		return new Sla(State.ON_TIME, schedule.name() + ": due at " + dueAt + ", within its grace of " + minutes(this.grace));
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	private static String minutes(Duration duration) {
		return (duration.toSeconds() % 60 == 0) ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
	}

}
