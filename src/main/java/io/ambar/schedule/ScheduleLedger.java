package io.ambar.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Ambar records of each schedule in {@code ambar_schedule}, for operators and for monitoring: the last run
 * and the last successful one, the next expected fire time, missed firings, skipped overlaps and the delay from
 * the fire time to the start of the job. Every write is an upsert in a statement of its own, so that the records
 * never depend on the order in which reconciliation and firings reach them.
 */
@Component
class ScheduleLedger {

	/** Whether the run being recorded completed for a later fire time than the last successful run recorded. */
	private static final String LATER = "(EXCLUDED.last_success_fire_time IS NOT NULL AND (s.last_success_fire_time"
			+ " IS NULL OR EXCLUDED.last_success_fire_time >= s.last_success_fire_time))";

	private final JdbcClient jdbc;

	ScheduleLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A schedule's record, as stored. */
	record Entry(String name, String job, @Nullable Instant nextFireTime, @Nullable Instant lastFireTime,
			@Nullable Long lastExecutionId, @Nullable String lastStatus, @Nullable Instant lastEndedAt,
			@Nullable Instant lastSuccessFireTime, @Nullable Long lastSuccessExecutionId,
			@Nullable Instant lastSuccessAt,
			long missedFirings, long skippedOverlaps, @Nullable Duration lastStartDelay) {
	}

	/** Records the next time the schedule is expected to fire: null while it is paused or will not fire again. */
	void expected(String name, String job, @Nullable Instant next) {
		upsert(name, job, "next_fire_time = EXCLUDED.next_fire_time", "next_fire_time", timestamp(next));
	}

	/** Forgets a schedule that was removed. */
	void removed(String name) {
		this.jdbc.sql("DELETE FROM ambar_schedule WHERE name = ?").param(name).update();
	}

	/** Counts fire times that passed while no node could fire them, and the next expected one. */
	void missed(String name, String job, long times, @Nullable Instant next) {
		this.jdbc.sql("""
				INSERT INTO ambar_schedule AS s (name, job_name, missed_firings, next_fire_time) VALUES (?, ?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET missed_firings = s.missed_firings + EXCLUDED.missed_firings,
				    next_fire_time = EXCLUDED.next_fire_time, updated_at = now()""")
			.params(name, job, times, timestamp(next))
			.update();
	}

	/** Counts a firing not run because an earlier run of the schedule still ran. */
	void skippedOverlap(String name, String job) {
		this.jdbc.sql("""
				INSERT INTO ambar_schedule AS s (name, job_name, skipped_overlaps) VALUES (?, ?, 1)
				ON CONFLICT (name) DO UPDATE SET skipped_overlaps = s.skipped_overlaps + 1, updated_at = now()""")
			.params(name, job)
			.update();
	}

	/** Records that the run of a fire time starts, and how long after that time. */
	void started(String name, String job, Instant fireTime, Duration delay) {
		this.jdbc.sql("""
				INSERT INTO ambar_schedule AS s (name, job_name, last_fire_time, last_status, last_start_delay_ms)
				VALUES (?, ?, ?, 'STARTED', ?)
				ON CONFLICT (name) DO UPDATE SET last_fire_time = EXCLUDED.last_fire_time, last_status = 'STARTED',
				    last_execution_id = NULL, last_ended_at = NULL,
				    last_start_delay_ms = EXCLUDED.last_start_delay_ms, updated_at = now()""")
			.params(name, job, timestamp(fireTime), delay.toMillis())
			.update();
	}

	/**
	 * Records how the run of a fire time ended and, when it completed and stands for a later time than the last
	 * successful run recorded (runs of overlapping times may end out of order), that it is the last successful run.
	 */
	void finished(String name, String job, Instant fireTime, JobExecution execution) {
		boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
		this.jdbc.sql("""
				INSERT INTO ambar_schedule AS s (name, job_name, last_fire_time, last_execution_id, last_status,
				    last_ended_at, last_success_fire_time, last_success_execution_id, last_success_at)
				VALUES (:name, :job, :fireTime, :execution, :status, now(),
				    CASE WHEN :completed THEN CAST(:fireTime AS timestamptz) END,
				    CASE WHEN :completed THEN CAST(:execution AS bigint) END, CASE WHEN :completed THEN now() END)
				ON CONFLICT (name) DO UPDATE SET last_fire_time = EXCLUDED.last_fire_time,
				    last_execution_id = EXCLUDED.last_execution_id, last_status = EXCLUDED.last_status,
				    last_ended_at = EXCLUDED.last_ended_at, updated_at = now(),
				    last_success_fire_time = CASE WHEN LATER THEN EXCLUDED.last_success_fire_time
				        ELSE s.last_success_fire_time END,
				    last_success_execution_id = CASE WHEN LATER THEN EXCLUDED.last_success_execution_id
				        ELSE s.last_success_execution_id END,
				    last_success_at = CASE WHEN LATER THEN EXCLUDED.last_success_at ELSE s.last_success_at END"""
			.replace("LATER", LATER))
			.param("name", name)
			.param("job", job)
			.param("fireTime", timestamp(fireTime))
			.param("execution", execution.getId())
			.param("status", execution.getStatus().name())
			.param("completed", completed)
			.update();
	}

	Optional<Entry> entry(String name) {
		return this.jdbc.sql("SELECT * FROM ambar_schedule WHERE name = ?")
			.param(name)
			.query(ScheduleLedger::entry)
			.optional();
	}

	List<Entry> entries() {
		return this.jdbc.sql("SELECT * FROM ambar_schedule ORDER BY name").query(ScheduleLedger::entry).list();
	}

	private void upsert(String name, String job, String set, String column, @Nullable Object value) {
		this.jdbc.sql("INSERT INTO ambar_schedule AS s (name, job_name, " + column + ") VALUES (?, ?, ?)"
				+ " ON CONFLICT (name) DO UPDATE SET job_name = EXCLUDED.job_name, " + set + ", updated_at = now()")
			.params(name, job, value)
			.update();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		long delay = rs.getLong("last_start_delay_ms");
		Duration lastStartDelay = rs.wasNull() ? null : Duration.ofMillis(delay);
		return new Entry(rs.getString("name"), rs.getString("job_name"), instant(rs, "next_fire_time"),
				instant(rs, "last_fire_time"), (Long) rs.getObject("last_execution_id"), rs.getString("last_status"),
				instant(rs, "last_ended_at"), instant(rs, "last_success_fire_time"),
				(Long) rs.getObject("last_success_execution_id"), instant(rs, "last_success_at"),
				rs.getLong("missed_firings"), rs.getLong("skipped_overlaps"), lastStartDelay);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
