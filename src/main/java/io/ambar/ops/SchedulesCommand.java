package io.ambar.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.ambar.schedule.Schedules;
import io.ambar.schedule.Schedules.ScheduleStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@code schedules}: every schedule with its job, cron and zone, when it fires next (in its zone), its last run and
 * how it ended, and whether it is paused.
 */
@Component
class SchedulesCommand implements AmbarCommand {

	private static final String ROW = "%-24s  %-13s  %-18s  %-16s  %-25s  %-36s  %s%n";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

	private final Schedules schedules;

	SchedulesCommand(Schedules schedules) {
		this.schedules = schedules;
	}

	@Override
	public String name() {
		return "schedules";
	}

	@Override
	public String usage() {
		return "list the schedules: job, cron, zone, next fire time, last run and outcome, paused";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		if (!args.isEmpty()) {
			throw new UsageException("schedules takes no arguments");
		}
		List<ScheduleStatus> all = this.schedules.list();
		if (all.isEmpty()) {
			out.println("no schedules (a server reads them from the schedule directory, ambar.schedule.dir)");
			return OK;
		}
		out.printf(Locale.ROOT, ROW, "NAME", "JOB", "CRON", "ZONE", "NEXT FIRE", "LAST RUN", "PAUSED");
		all.forEach(schedule -> out.print(row(schedule)));
		return OK;
	}

	static String row(ScheduleStatus schedule) {
		String last = (schedule.lastFireTime() == null) ? "-"
				: time(schedule.lastFireTime(), schedule.zone()) + " " + schedule.lastStatus()
						+ ((schedule.lastExecutionId() != null) ? " #" + schedule.lastExecutionId() : "");
		String paused = schedule.paused() ? (schedule.enabled() ? "paused" : "disabled") : "no";
		return String.format(Locale.ROOT, ROW, schedule.name(), schedule.job(), schedule.cron(), schedule.zone(),
				time(schedule.nextFireTime(), schedule.zone()), last, paused);
	}

	private static String time(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? TIME.format(instant.atZone(zone)) : "-";
	}

}
