package io.ambar.ops.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How pages write times, durations and counts: times in the server's zone (named at the foot of each page),
 * numbers with thousands separators, a dash for what is not known.
 */
final class Formats {

	static final String NONE = "—";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private final ZoneId zone;

	Formats(ZoneId zone) {
		this.zone = zone;
	}

	public String zone() {
		return this.zone.getId();
	}

	/** {@code 2026-11-30 02:00:13}, in the server's zone. */
	public String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant.atZone(this.zone)) : NONE;
	}

	/** The instant as ISO-8601, for a {@code <time datetime>}. */
	public String iso(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	/** {@code 12 s ago}, {@code in 3 min}. */
	public String relative(@Nullable Instant instant) {
		if (instant == null) {
			return NONE;
		}
		Duration between = Duration.between(Instant.now(), instant);
		String span = span(between.abs().toSeconds());
		return between.isNegative() ? span + " ago" : "in " + span;
	}

	/** A duration given in seconds: {@code 40 ms}, {@code 2.4 s}, {@code 3 min 12 s}, {@code 2 h 5 min}. */
	public String seconds(@Nullable Number seconds) {
		if (seconds == null) {
			return NONE;
		}
		double value = seconds.doubleValue();
		if (value < 1) {
			return Math.round(value * 1000) + " ms";
		}
		return (value < 60) ? String.format(Locale.ROOT, (value < 10) ? "%.1f s" : "%.0f s", value)
				: span(Math.round(value));
	}

	/** {@code 1,234,567}. */
	public String count(@Nullable Number count) {
		return (count != null) ? String.format(Locale.ROOT, "%,d", count.longValue()) : NONE;
	}

	/** Rows per second, whole. */
	public String rate(double perSecond) {
		return String.format(Locale.ROOT, "%,.0f", perSecond);
	}

	/** A status or state as a CSS class: {@code status-completed}. */
	public String css(@Nullable String status) {
		return "status status-" + ((status != null) ? status.toLowerCase(Locale.ROOT).replace('_', '-') : "none");
	}

	private static String span(long seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min" + ((seconds % 60 != 0 && seconds < 600) ? " " + (seconds % 60) + " s" : "");
		}
		if (seconds < 86_400) {
			return (seconds / 3600) + " h" + ((seconds % 3600) / 60 != 0 ? " " + (seconds % 3600) / 60 + " min" : "");
		}
		return (seconds / 86_400) + " d" + ((seconds % 86_400) / 3600 != 0 ? " " + (seconds % 86_400) / 3600 + " h" : "");
	}

}
