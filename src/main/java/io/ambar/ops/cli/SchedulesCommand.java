package io.ambar.ops.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.ambar.ops.Schedules;
import org.jspecify.annotations.Nullable;

/**
 * {@code schedules}: every schedule with its job, cron and zone (in words too), next fire, last run and outcome,
 * and whether it is paused.
 */
final class SchedulesCommand implements ClientCommand {

	@Override
	public String name() {
		return "schedules";
	}

	@Override
	public String usage() {
		return "the schedules: job, cron, zone, next fire, last run and outcome, paused or not";
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		var schedules = client.schedules();
		if (console.json()) {
			console.printJson(schedules);
			return OK;
		}
		if (schedules.isEmpty()) {
			console.out().println("no schedules");
			return OK;
		}
		Table table = new Table("SCHEDULE", "JOB", "CRON", "ZONE", "NEXT FIRE", "LAST RUN", "OUTCOME", "PAUSED",
				"WHEN");
		for (Schedules.Schedule schedule : schedules) {
			table.row(schedule.name(), schedule.job(), schedule.cron(), schedule.zone(), inZone(schedule.nextFire(), schedule.zone()),
					Reports.time(schedule.lastRun()), (schedule.lastOutcome() != null) ? schedule.lastOutcome() : "",
					schedule.paused() ? "paused" : (schedule.enabled() ? "" : "disabled"),
					schedule.description().toLowerCase(Locale.ROOT).equals(schedule.cron()) ? "" : schedule.description());
		}
		table.print(console.out(), console.width());
		return OK;
	}

	/** A fire time as the schedule's zone has it: 2026-12-01 02:00:00 +03:00. */
	private static String inZone(@Nullable Instant instant, String zone) {
		return (instant != null) ? ZONED.withZone(ZoneId.of(zone)).format(instant) : "-";
	}

	private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

}
