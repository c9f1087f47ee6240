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
 * The fire times of a schedule's Quartz cron expression in its zone, read as the scheduler reads them: the last
 * time a schedule was due, for its SLA.
 */
final class CronTimes {

	/** How far back to look for the last fire time: past a yearly schedule's gap, with room for a leap year. */
	private static final Duration LOOK_BACK = Duration.ofDays(800);

	private final CronExpression expression;

	private CronTimes(CronExpression expression) {
		this.expression = expression;
	}

	/** @throws IllegalArgumentException for an expression Quartz does not read */
	static CronTimes of(String cron, ZoneId zone) {
		try {
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(TimeZone.getTimeZone(zone));
			return new CronTimes(expression);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a Quartz cron expression: '" + cron + "'", ex);
		}
	}

	/** The first fire time strictly after the instant, or null when there is none. */
	@Nullable Instant after(Instant instant) {
		Date next = this.expression.getTimeAfter(Date.from(instant));
		return (next != null) ? next.toInstant() : null;
	}

	/** The last fire time at or before the instant, or null when there was none in the last two years. */
	@Nullable Instant lastAtOrBefore(Instant instant) {
		// fire times are whole seconds; look back in windows that double until one holds a fire time, then walk it
		Instant at = instant.truncatedTo(ChronoUnit.SECONDS);
		for (Duration window = Duration.ofSeconds(1); window.compareTo(LOOK_BACK) <= 0; window = window.multipliedBy(2)) {
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

}
