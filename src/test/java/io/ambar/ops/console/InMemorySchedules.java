package io.ambar.ops.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ambar.ops.OperationException;
import io.ambar.ops.Schedules;

/**
 * Schedules kept in memory, as a scheduler reports them, so that the console's tests do not depend on one:
 * pausing and resuming flip the flag, triggering only says so.
 */
final class InMemorySchedules implements Schedules {

	private final List<Schedule> initial;

	private final Map<String, Schedule> schedules = new TreeMap<>();

	InMemorySchedules(List<Schedule> schedules) {
		this.initial = List.copyOf(schedules);
		reset();
	}

	/** Back to the schedules it was made with, none paused. */
	synchronized void reset() {
		this.schedules.clear();
		this.initial.forEach(schedule -> this.schedules.put(schedule.name(), schedule));
	}

	@Override
	public synchronized List<Schedule> list() {
		return new ArrayList<>(this.schedules.values());
	}

	@Override
	public synchronized String pause(String name) {
		this.schedules.put(name, paused(find(name), true));
		return "schedule " + name + " paused: it fires no more, on any node, until it is resumed";
	}

	@Override
	public synchronized String resume(String name) {
		this.schedules.put(name, paused(find(name), false));
		return "schedule " + name + " resumed";
	}

	@Override
	public synchronized String trigger(String name) {
		find(name);
		return "schedule " + name + " fired now";
	}

	private Schedule find(String name) {
		Schedule schedule = this.schedules.get(name);
		if (schedule == null) {
			throw new OperationException(OperationException.Kind.NOT_FOUND, "no schedule '" + name + "'");
		}
		return schedule;
	}

	private static Schedule paused(Schedule s, boolean paused) {
		return new Schedule(s.name(), s.job(), s.cron(), s.zone(), s.description(), s.parameters(), s.inbox(), s.misfire(),
				s.misfireDeadline(), s.overlap(), s.enabled(), paused, s.nextFire(), s.lastRun(), s.lastExecutionId(),
				s.lastOutcome(), s.lastSuccess(), s.missedFirings(), s.skippedOverlaps(), s.lastTriggerDelayMillis(),
				s.drift());
	}

}
