package io.ambar.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.ambar.ops.OperationException;
import io.ambar.ops.OperationException.Kind;
import io.ambar.ops.Schedules;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The scheduler as the operations layer sees it ({@link Schedules}): each stored schedule with its cron in words,
 * its policies, what is recorded of its runs, and its drift from this node's schedule file; and pausing, resuming
 * and triggering, with the scheduler's refusals as {@link OperationException}s.
 */
@Component
class OperatorSchedules implements Schedules {

	private final ScheduleService service;

	private final ScheduleFiles files;

	private final OverlapGuard overlaps;

	OperatorSchedules(ScheduleService service, ScheduleFiles files, OverlapGuard overlaps) {
		this.service = service;
		this.files = files;
		this.overlaps = overlaps;
	}

	@Override
	public List<Schedule> list() {
		List<Schedule> schedules = new ArrayList<>();
		for (ScheduleService.Stored stored : this.service.stored()) {
			io.ambar.schedule.Schedule declared = stored.schedule();
			ScheduleService.ScheduleStatus status = stored.status();
			ScheduleLedger.Entry entry = stored.entry();
			Duration delay = (entry != null) ? entry.lastStartDelay() : null;
			schedules.add(new Schedule(declared.name(), declared.job(), declared.cron(), declared.zone().getId(),
					CronWords.describe(declared.cron(), declared.zone().getId()), declared.parameters(),
					(declared.inbox() != null) ? declared.inbox().toString() : null, declared.misfire().text(),
					(declared.misfireDeadline() != null) ? declared.misfireDeadline().toString() : null,
					declared.overlap().name().toLowerCase(java.util.Locale.ROOT), declared.enabled(), status.paused(),
					status.nextFireTime(), status.lastFireTime(), status.lastExecutionId(), status.lastStatus(),
					(entry != null) ? entry.lastSuccessAt() : null, status.missedFirings(), status.skippedOverlaps(),
					(delay != null) ? delay.toMillis() : null, drift(declared)));
		}
		return schedules;
	}

	@Override
	public String pause(String name) {
		try {
			this.service.pause(name);
			return "schedule " + name + " paused on every node; a run in progress goes on";
		}
		catch (IllegalArgumentException ex) {
			throw new OperationException(Kind.NOT_FOUND, ex.getMessage());
		}
	}

	@Override
	public String resume(String name) {
		try {
			ScheduleService.ScheduleStatus status = this.service.resume(name);
			return "schedule " + name + " resumed" + ((status.nextFireTime() != null) ? "; next fire " + status.nextFireTime() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new OperationException(Kind.NOT_FOUND, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			throw new OperationException(Kind.CONFLICT, ex.getMessage());
		}
	}

	@Override
	public String trigger(String name) {
		io.ambar.schedule.Schedule declared = this.service.stored()
			.stream()
			.map(ScheduleService.Stored::schedule)
			.filter(schedule -> schedule.name().equals(name))
			.findFirst()
			.orElse(null);
		if (declared != null && declared.overlap() == io.ambar.schedule.Schedule.Overlap.FORBID
				&& this.overlaps.busy(declared)) {
			throw new OperationException(Kind.CONFLICT, "schedule " + name + " forbids overlaps and a run of it is running;"
					+ " nothing triggered");
		}
		try {
			return "schedule " + name + " triggered for " + this.service.trigger(name)
					+ (this.service.serverRunning() ? "; a server node runs it now" : "; it runs when a server starts");
		}
		catch (IllegalArgumentException ex) {
			throw new OperationException(Kind.NOT_FOUND, ex.getMessage());
		}
	}

	/** How this node's schedule file differs from the store, in words; null when they agree. */
	private @Nullable String drift(io.ambar.schedule.Schedule stored) {
		Path file = this.files.dir().resolve(stored.name() + ".yml");
		if (!Files.isRegularFile(file)) {
			return "no file " + file + " on this node: the schedule is removed when a server starts here";
		}
		io.ambar.schedule.Schedule declared;
		try {
			declared = this.files.read(file);
		}
		catch (ScheduleFileException ex) {
			return "the file has errors: " + String.join("; ", ex.problems());
		}
		List<String> differences = new ArrayList<>();
		if (!declared.job().equals(stored.job())) {
			differences.add("job");
		}
		if (!declared.cron().equals(stored.cron()) || !declared.zone().equals(stored.zone())) {
			differences.add("cron or zone");
		}
		if (!declared.parameters().equals(stored.parameters()) || !Objects.equals(declared.inbox(), stored.inbox())) {
			differences.add("parameters or inbox");
		}
		if (declared.misfire() != stored.misfire() || !Objects.equals(declared.misfireDeadline(), stored.misfireDeadline())
				|| declared.overlap() != stored.overlap() || declared.enabled() != stored.enabled()) {
			differences.add("policies");
		}
		return differences.isEmpty() ? null
				: "the file differs in " + String.join(", ", differences) + ": the store takes it when a server starts";
	}

}
