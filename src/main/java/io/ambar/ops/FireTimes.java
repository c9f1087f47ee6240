package io.ambar.ops;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.TimeZone;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * The fire times of a schedule's cron expression in its zone, as Quartz computes them: which scheduled time a late
 * firing stands for, how many times were missed, and the last time a schedule was due, for its SLA.
 */
public final class FireTimes {

	/** How far back a late firing looks for the time it stands for. */
	private static final Duration LOOK_BACK = Duration.ofDays(800);

	private final CronExpression expression;

	private FireTimes(CronExpression expression) {
		this.expression = expression;
	}

	/**
	 * @throws IllegalArgumentException for an expression that does not parse (a stored schedule was checked when
	 * its file was read, so this is a bug)
	 */
	public static FireTimes of(String cron, ZoneId zone) {
		try {
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(TimeZone.getTimeZone(zone));
			return new FireTimes(expression);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a Quartz cron expression: '" + cron + "'", ex);
		}
	}

	/** The first fire time strictly after the instant, or null when there is none. */
	public @Nullable Instant after(Instant instant) {
		Date next = this.expression.getTimeAfter(Date.from(instant));
		return (next != null) ? next.toInstant() : null;
	}

	/**
	 * The last fire time at or before the instant: for a firing at a scheduled time, that time; for Quartz's late
	 * firing of missed times (fired "now"), the last time missed. Null when there is none in the last two years.
	 */
	public @Nullable Instant lastAtOrBefore(Instant instant) {
		// fire times are whole seconds; look back in windows that double until one holds a fire time, then walk it
		Instant at = instant.truncatedTo(ChronoUnit.SECONDS);
		for (Duration window = Duration.ofSeconds(1); window.compareTo(LOOK_BACK) <= 0;
				window = window.multipliedBy(2)) {
			Instant first = after(at.minus(window).minusSeconds(1));
			if (first != null && !first.isAfter(at)) {
				Instant last = first;
				for (Instant next = after(last); next != null && !next.isAfter(at); next = after(last)) {
					last = next;
				}
				return last;
			}
		}
		return null;
	}

	/** The number of fire times from the first to the second instant, both included, counting up to the limit. */
	public long count(Instant from, Instant to, long limit) {
		long count = 0;
		for (Instant next = after(from.minusSeconds(1)); next != null && !next.isAfter(to) && count < limit;
				next = after(next)) {
			count++;
		}
		return count;
	}

}
