package io.ambar.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ambar.ops.ExecutionLiveness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the job repository tells of each job, for every node alike, read every {@code refresh-interval}: when it
 * last completed and last ended, its usual duration, and its executions that are orphaned (marked running, their
 * owner gone). Gauges read the last reading; NaN until there is one (a job that never completed).
 */
class JobReadings {

	/** Completed executions that make the usual duration. */
	private static final int USUAL_OF = 20;

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final ExecutionLiveness liveness;

	private final Clock clock;

	private final Collection<String> jobs;

	private volatile Map<String, Reading> readings = Map.of();

	/** Since when each orphaned execution has been seen orphaned. */
	private final Map<Long, Orphan> orphans = new ConcurrentHashMap<>();

	JobReadings(JdbcClient jdbc, JobRepository repository, ExecutionLiveness liveness, Clock clock,
			Collection<String> jobs) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.liveness = liveness;
		this.clock = clock;
		this.jobs = List.copyOf(jobs);
	}

	/** One job's reading. */
	record Reading(@Nullable Instant lastSuccess, @Nullable Instant lastEnd, @Nullable Duration usualDuration) {
	}

	/** An execution seen orphaned, and since when. */
	record Orphan(long executionId, String job, Instant since) {
	}

	void bindTo(MeterRegistry registry) {
		for (String job : this.jobs) {
			gauge(registry, AmbarMeters.JOB_LAST_SUCCESS, job, r -> seconds(r.lastSuccess()));
			gauge(registry, AmbarMeters.JOB_LAST_END, job, r -> seconds(r.lastEnd()));
			gauge(registry, AmbarMeters.JOB_USUAL_DURATION, job,
					r -> (r.usualDuration() != null) ? r.usualDuration().toMillis() / 1000.0 : Double.NaN);
			Gauge.builder(AmbarMeters.EXECUTIONS_ORPHANED.meterName(),
					() -> this.orphans.values().stream().filter(o -> o.job().equals(job)).count())
				.description(AmbarMeters.EXECUTIONS_ORPHANED.description())
				.tag(AmbarMeters.JOB, job)
				.register(registry);
		}
	}

	/** Reads again. */
	void refresh() {
		Map<String, Reading> readings = new HashMap<>();
		for (String job : this.jobs) {
			List<Timestamp[]> completed = this.jdbc.sql("""
					SELECT e.start_time, e.end_time FROM batch_job_execution e
					JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
					WHERE i.job_name = ? AND e.status = 'COMPLETED' AND e.exit_code <> 'ALREADY_APPLIED'
					ORDER BY e.job_execution_id DESC LIMIT ?""")
				.params(job, USUAL_OF)
				.query((rs, n) -> new Timestamp[] { rs.getTimestamp(1), rs.getTimestamp(2) })
				.list();
			Instant lastSuccess = this.jdbc.sql("""
					SELECT e.end_time FROM batch_job_execution e
					JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
					WHERE i.job_name = ? AND e.status = 'COMPLETED' ORDER BY e.job_execution_id DESC LIMIT 1""")
				.param(job)
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant)
				.orElse(null);
			Instant lastEnd = this.jdbc.sql("""
					SELECT e.end_time FROM batch_job_execution e
					JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
					WHERE i.job_name = ? AND e.end_time IS NOT NULL AND e.status NOT IN ('STARTING', 'STARTED', 'STOPPING')
					ORDER BY e.job_execution_id DESC LIMIT 1""")
				.param(job)
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant)
				.orElse(null);
			Duration usual = completed.isEmpty() ? null
					: Duration.ofMillis(Math.round(completed.stream()
						.mapToLong(t -> t[1].getTime() - t[0].getTime())
						.average()
						.orElse(0)));
			readings.put(job, new Reading(lastSuccess, lastEnd, usual));
		}
		this.readings = readings;
		refreshOrphans();
	}

	/** The executions seen orphaned, each with the time it was first seen so. */
	Collection<Orphan> orphans() {
		return List.copyOf(this.orphans.values());
	}

	private void refreshOrphans() {
		List<Long> running = this.jdbc.sql("""
				SELECT job_execution_id FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')""")
			.query(Long.class)
			.list();
		Instant now = this.clock.instant();
		Map<Long, Orphan> seen = new HashMap<>();
		for (long id : running) {
			JobExecution execution = this.repository.getJobExecution(id);
			if (execution != null && this.liveness.check(execution).state() == ExecutionLiveness.State.ORPHANED) {
				Orphan known = this.orphans.get(id);
				seen.put(id, (known != null) ? known
						: new Orphan(id, execution.getJobInstance().getJobName(), now));
			}
		}
		this.orphans.keySet().retainAll(seen.keySet());
		this.orphans.putAll(seen);
	}

	private void gauge(MeterRegistry registry, AmbarMeters meter, String job,
			java.util.function.ToDoubleFunction<Reading> value) {
		Gauge.builder(meter.meterName(), () -> {
			Reading reading = this.readings.get(job);
			return (reading != null) ? value.applyAsDouble(reading) : Double.NaN;
		}).description(meter.description()).tag(AmbarMeters.JOB, job).baseUnit("seconds").register(registry);
	}

	static double seconds(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000.0 : Double.NaN;
	}

}
