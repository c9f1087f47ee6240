package io.ambar.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the scheduler offers the operations layer: its schedules as operators see them, and pausing, resuming and
 * firing one now. The scheduler implements it; without one, there are no schedules. Faces go through
 * {@link ScheduleActions}, which audits.
 */
public interface Schedules {

	/** Every schedule, by name. */
	List<Schedule> list();

	/** @throws OperationException NOT_FOUND for an unknown schedule */
	String pause(String name);

	/** @throws OperationException NOT_FOUND for an unknown schedule */
	String resume(String name);

	/**
	 * Fires the schedule now, with its parameters.
	 * @throws OperationException NOT_FOUND for an unknown schedule, CONFLICT when its overlap policy refuses
	 */
	String trigger(String name);

	/** The earliest next fire time of the schedules that are not paused, or null when none fires. */
	static @Nullable Instant nextFire(List<Schedule> schedules) {
		return schedules.stream()
			.filter(schedule -> !schedule.paused() && schedule.nextFire() != null)
			.map(Schedule::nextFire)
			.min(Instant::compareTo)
			.orElse(null);
	}

	/**
	 * A schedule as operators see it.
	 *
	 * @param description the cron and zone in words ("every day at 02:00 Europe/Istanbul")
	 * @param inbox the inbox directory it takes its files from, or null when it names a file
	 * @param drift how the scheduler's store differs from the schedule file, in words; null when they agree
	 */
	record Schedule(String name, String job, String cron, String zone, String description,
			Map<String, String> parameters, @Nullable String inbox, String misfire, @Nullable String misfireDeadline,
			String overlap, boolean enabled, boolean paused, @Nullable Instant nextFire, @Nullable Instant lastRun,
			@Nullable Long lastExecutionId, @Nullable String lastOutcome, @Nullable Instant lastSuccess,
			long missedFirings, long skippedOverlaps, @Nullable Long lastTriggerDelayMillis, @Nullable String drift) {
	}

}
