package io.ambar.metrics;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;

import io.ambar.schedule.ScheduleService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What is recorded of each schedule, for every node alike, read every {@code refresh-interval}: from the store its
 * cron (hence the expected interval, the gap between its next two fire times) and next fire time, and from
 * {@code ambar_schedule} its last run, last successful run, misfires, skipped overlaps and start delay. A schedule
 * gets its series when it is first read (at start, or after another node reconciled a new one) and loses them when
 * it is removed.
 */
class ScheduleReadings {

	private final ScheduleService schedules;

	private final JdbcClient jdbc;

	private volatile Map<String, Reading> readings = Map.of();

	private final Map<String, List<Meter>> meters = new HashMap<>();

	ScheduleReadings(ScheduleService schedules, JdbcClient jdbc) {
		this.schedules = schedules;
		this.jdbc = jdbc;
	}

	/** One schedule's reading; a time never recorded is null. */
	record Reading(String job, @Nullable Instant nextFire, @Nullable Duration interval, @Nullable Instant lastEnd,
			@Nullable Instant lastSuccess, long misfires, long skippedOverlaps, @Nullable Duration startDelay) {
	}

	/** Reads again, and registers or removes the series of schedules that came or went. */
	synchronized void refresh(MeterRegistry registry) {
		Map<String, Row> rows = new HashMap<>();
		this.jdbc.sql("""
				SELECT name, last_ended_at, last_success_at, missed_firings, skipped_overlaps, last_start_delay_ms
				FROM ambar_schedule""").query((rs, n) -> {
			long delay = rs.getLong(6);
			Duration startDelay = rs.wasNull() ? null : Duration.ofMillis(delay);
			return new Row(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getLong(4),
					rs.getLong(5), startDelay);
		}).list().forEach(row -> rows.put(row.name(), row));
		Map<String, Reading> readings = new HashMap<>();
		for (ScheduleService.ScheduleStatus status : this.schedules.list()) {
			Row row = rows.get(status.name());
			readings.put(status.name(), new Reading(status.job(), status.nextFireTime(),
					interval(status.cron(), status.zone()), (row != null) ? row.lastEnd() : null,
					(row != null) ? row.lastSuccess() : null, (row != null) ? row.misfires() : 0,
					(row != null) ? row.skippedOverlaps() : 0, (row != null) ? row.startDelay() : null));
		}
		this.readings = readings;
		readings.forEach((name, reading) -> this.meters.computeIfAbsent(name, n -> register(registry, n, reading.job())));
		List.copyOf(this.meters.keySet()).stream().filter(name -> !readings.containsKey(name)).forEach(name -> {
			this.meters.remove(name).forEach(registry::remove);
		});
	}

	/** The expected interval: the gap between the next two fire times from now; null if it will not fire twice. */
	static @Nullable Duration interval(String cron, ZoneId zone) {
		try {
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(TimeZone.getTimeZone(zone));
			Date next = expression.getNextValidTimeAfter(new Date());
			Date after = (next != null) ? expression.getNextValidTimeAfter(next) : null;
			return (after != null) ? Duration.ofMillis(after.getTime() - next.getTime()) : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private List<Meter> register(MeterRegistry registry, String name, String job) {
		Tags tags = Tags.of(AmbarMeters.SCHEDULE, name, AmbarMeters.JOB, job);
		return List.of(gauge(registry, AmbarMeters.SCHEDULE_LAST_SUCCESS, name, tags, r -> seconds(r.lastSuccess())),
				gauge(registry, AmbarMeters.SCHEDULE_LAST_END, name, tags, r -> seconds(r.lastEnd())),
				gauge(registry, AmbarMeters.SCHEDULE_NEXT_FIRE, name, tags, r -> seconds(r.nextFire())),
				gauge(registry, AmbarMeters.SCHEDULE_INTERVAL, name, tags, r -> seconds(r.interval())),
				gauge(registry, AmbarMeters.SCHEDULE_START_DELAY, name, tags, r -> seconds(r.startDelay())),
				FunctionCounter.builder(AmbarMeters.SCHEDULE_MISFIRES.meterName(), this, s -> s.value(name, Reading::misfires))
					.description(AmbarMeters.SCHEDULE_MISFIRES.description())
					.tags(tags)
					.register(registry),
				FunctionCounter.builder(AmbarMeters.SCHEDULE_SKIPPED_OVERLAPS.meterName(), this,
						s -> s.value(name, Reading::skippedOverlaps))
					.description(AmbarMeters.SCHEDULE_SKIPPED_OVERLAPS.description())
					.tags(tags)
					.register(registry));
	}

	private Gauge gauge(MeterRegistry registry, AmbarMeters meter, String name, Tags tags,
			ToDoubleFunction<Reading> value) {
		return Gauge.builder(meter.meterName(), this, s -> s.value(name, value))
			.description(meter.description())
			.tags(tags)
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
	}

	private double value(String name, ToDoubleFunction<Reading> value) {
		Reading reading = this.readings.get(name);
		return (reading != null) ? value.applyAsDouble(reading) : Double.NaN;
	}

	private static double seconds(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000.0 : Double.NaN;
	}

	private static double seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() / 1000.0 : Double.NaN;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Row(String name, @Nullable Instant lastEnd, @Nullable Instant lastSuccess, long misfires,
			long skippedOverlaps, @Nullable Duration startDelay) {
	}

}
