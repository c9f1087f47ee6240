package io.ambar.schedule;

import java.util.Locale;
import java.util.Map;

/**
 * A Quartz cron expression in words, for operators: the common shapes ("every day at 02:00", "every 5 minutes",
 * "at 06:30 on MON-FRI"), with the zone; anything else is shown as the expression itself.
 */
final class CronWords {

	private static final Map<String, String> DAYS = Map.of("MON-FRI", "weekdays", "SAT,SUN", "weekends");

	private CronWords() {
	}

	static String describe(String cron, String zone) {
		String[] f = cron.trim().split("\\s+");
		if (f.length < 6 || (f.length == 7 && !f[6].equals("*"))) {
			return "cron " + cron + " " + zone;
		}
		String second = f[0];
		String minute = f[1];
		String hour = f[2];
		String dayOfMonth = f[3];
		String month = f[4];
		String dayOfWeek = f[5];
		boolean everyDay = anyDay(dayOfMonth) && anyDay(dayOfWeek) && month.equals("*");
		if (second.equals("*") && minute.equals("*") && hour.equals("*") && everyDay) {
			return "every second";
		}
		if (second.startsWith("0/") || second.startsWith("*/")) {
			if (minute.equals("*") && hour.equals("*") && everyDay) {
				return every(second.substring(2), "second");
			}
		}
		if (isNumber(second) && (minute.startsWith("0/") || minute.startsWith("*/")) && hour.equals("*") && everyDay) {
			return every(minute.substring(2), "minute");
		}
		if (isNumber(second) && isNumber(minute) && (hour.startsWith("0/") || hour.startsWith("*/")) && everyDay) {
			return every(hour.substring(2), "hour") + " at minute " + minute;
		}
		if (isNumber(second) && isNumber(minute) && hour.equals("*") && everyDay) {
			return "every hour at minute " + minute;
		}
		if (isNumber(second) && isNumber(minute) && isNumber(hour)) {
			String time = String.format(Locale.ROOT, "%02d:%02d", Integer.parseInt(hour), Integer.parseInt(minute))
					+ (second.equals("0") ? "" : String.format(Locale.ROOT, ":%02d", Integer.parseInt(second)));
			if (everyDay) {
				return "every day at " + time + " " + zone;
			}
			if (anyDay(dayOfMonth) && month.equals("*")) {
				return "at " + time + " on " + DAYS.getOrDefault(dayOfWeek, dayOfWeek) + " " + zone;
			}
			if (isNumber(dayOfMonth) && anyDay(dayOfWeek) && month.equals("*")) {
				return "at " + time + " on day " + dayOfMonth + " of every month " + zone;
			}
		}
		return "cron " + cron + " " + zone;
	}

	private static String every(String step, String unit) {
		return step.equals("1") ? "every " + unit : "every " + step + " " + unit + "s";
	}

	private static boolean anyDay(String field) {
		return field.equals("*") || field.equals("?");
	}

	private static boolean isNumber(String field) {
		return field.matches("[0-9]{1,2}");
	}

}
