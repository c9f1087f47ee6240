package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One schedule as its file declares it, checked: which job runs when, with what, and what happens to missed and
 * overlapping firings. Stored in the Quartz job's data as text ({@link #toData()}), so that every node fires it the
 * same way whatever files it has.
 *
 * @param name the file's name without {@code .yml}
 * @param job the Spring Batch job a firing runs
 * @param cron a Quartz cron expression, seconds first
 * @param zone the zone the cron expression is read in
 * @param parameters the job parameters of every run, as text
 * @param inbox the directory whose arrived files a firing runs, one run each; null when the parameters name the file
 * @param misfire what becomes of fire times missed while no node could fire them
 * @param misfireDeadline under run-once, a missed time older than this is not run late; null for no limit
 * @param overlap what a firing does while an earlier run of the schedule still runs
 * @param enabled false keeps the schedule in the store, paused
 */
record Schedule(String name, String job, String cron, ZoneId zone, Map<String, String> parameters,
		@Nullable Path inbox, Misfire misfire, @Nullable Duration misfireDeadline, Overlap overlap, boolean enabled) {

	private static final String PARAMETER = "parameter.";

	Schedule {
		parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
	}

	/** What a firing does with fire times missed while no node could fire them. */
	enum Misfire {

		/** A missed time is not run late. */
		SKIP,

		/** One late run, however many times were missed, unless the last of them is older than the deadline. */
		RUN_ONCE;

		String text() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** What a firing does while an earlier run of the same schedule still runs. */
	enum Overlap {

		/** Not run, and counted as a skipped overlap. */
		FORBID,

		/** Run side by side. */
		ALLOW,

		/** Run when the earlier run ends; a firing that finds another one already waiting is skipped and counted. */
		QUEUE;

		String text() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The schedule as flat text, sorted by key: the Quartz job's data, compared by reconciliation. */
	Map<String, String> toData() {
		Map<String, String> data = new TreeMap<>();
		data.put("job", this.job);
		data.put("cron", this.cron);
		data.put("zone", this.zone.getId());
		data.put("misfire", this.misfire.text());
		if (this.misfireDeadline != null) {
			data.put("misfire-deadline", this.misfireDeadline.toString());
		}
		data.put("overlap", this.overlap.text());
		data.put("enabled", Boolean.toString(this.enabled));
		if (this.inbox != null) {
			data.put("inbox", this.inbox.toString());
		}
		this.parameters.forEach((key, value) -> data.put(PARAMETER + key, value));
		return data;
	}

	/**
	 * Reads a schedule back from a Quartz job's data, ignoring keys it does not know (Quartz adds its own to a
	 * recovering firing's data).
	 * @throws IllegalArgumentException when the data was not written by {@link #toData()}
	 */
	static Schedule fromData(String name, Map<String, ?> data) {
		Map<String, String> parameters = new TreeMap<>();
		data.forEach((key, value) -> {
			if (key.startsWith(PARAMETER)) {
				parameters.put(key.substring(PARAMETER.length()), String.valueOf(value));
			}
		});
		String deadline = text(data, "misfire-deadline");
		String inbox = text(data, "inbox");
		return new Schedule(name, required(data, "job"), required(data, "cron"), ZoneId.of(required(data, "zone")),
				parameters, (inbox != null) ? Path.of(inbox) : null,
				Misfire.valueOf(required(data, "misfire").toUpperCase(Locale.ROOT).replace('-', '_')),
				(deadline != null) ? Duration.parse(deadline) : null,
				Overlap.valueOf(required(data, "overlap").toUpperCase(Locale.ROOT)),
				Boolean.parseBoolean(required(data, "enabled")));
	}

	private static @Nullable String text(Map<String, ?> data, String key) {
		Object value = data.get(key);
		return (value != null) ? value.toString() : null;
	}

	private static String required(Map<String, ?> data, String key) {
		String value = text(data, key);
		if (value == null) {
			throw new IllegalArgumentException("no '" + key + "' in the stored schedule");
		}
		return value;
	}

}
