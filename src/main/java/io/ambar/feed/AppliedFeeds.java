package io.ambar.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which feeds each job applied, or is applying, by application key (the content hash, or a hash of it and what
 * the job's parameters make it do; see {@link FingerprintTasklet}) and as-of: one claim per job instance.
 * <p>
 * The rules of "already applied", decided atomically by {@link #claim}:
 * <ul>
 * <li>with an explicit as-of, the same key with the same as-of as a feed already applied is a duplicate;</li>
 * <li>without one, only the same key as the job's most recently applied feed is: the same bytes on another day
 * (a small delta feed, "SKU X, 0") are a new feed;</li>
 * <li>either way, a feed that another running execution is applying under the same terms is a duplicate, so
 * two launches of one file apply it once.</li>
 * </ul>
 */
@Component
public class AppliedFeeds {

	private final JdbcClient jdbc;

	AppliedFeeds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An earlier application that makes this feed a duplicate: the execution, and why, in words. */
	public record Duplicate(long executionId, String reason) {
	}

	/**
	 * Decides whether the run's feed is a duplicate and, if it is not, claims it for the run's job instance. Joins
	 * the caller's transaction and holds a transaction-scoped advisory lock per job until it ends, so that
	 * concurrent fingerprints of one job decide one after the other.
	 * @param force claim it whatever was applied before
	 * @return the duplicate, or empty when the feed is claimed for this run
	 */
	public Optional<Duplicate> claim(FeedRun run, String key, Instant asOf, boolean asOfGiven, boolean force) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("ambar.feed-application:" + run.jobName())
			.query((rs, n) -> 1)
			.single();
		Optional<Duplicate> duplicate = force ? Optional.empty() : duplicate(run, key, asOf, asOfGiven);
		if (duplicate.isPresent()) {
			// a claim an earlier attempt of this instance left behind no longer stands
			this.jdbc.sql("DELETE FROM feed_application WHERE job_instance_id = ? AND state = 'applying'")
				.param(run.instanceId())
				.update();
			return duplicate;
		}
		this.jdbc.sql("""
				INSERT INTO feed_application (job_name, application_key, job_instance_id, job_execution_id, file,
				    as_of, as_of_given, state)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'applying')
				ON CONFLICT (job_instance_id) DO UPDATE SET job_execution_id = EXCLUDED.job_execution_id,
				    application_key = EXCLUDED.application_key, as_of = EXCLUDED.as_of,
				    as_of_given = EXCLUDED.as_of_given, state = 'applying', claimed_at = now()""")
			.params(run.jobName(), key, run.instanceId(), run.executionId(), run.file().toString(),
					Timestamp.from(asOf), asOfGiven)
			.update();
		return Optional.empty();
	}

	private Optional<Duplicate> duplicate(FeedRun run, String key, Instant asOf, boolean asOfGiven) {
		Optional<Duplicate> running = this.jdbc.sql("""
				SELECT a.job_execution_id FROM feed_application a
				WHERE a.job_name = ? AND a.application_key = ? AND a.state = 'applying' AND a.job_instance_id <> ?
				  AND (NOT ? OR a.as_of = ?)
				  AND EXISTS (SELECT 1 FROM batch_job_execution e WHERE e.job_instance_id = a.job_instance_id
				              AND e.status IN ('STARTING', 'STARTED', 'STOPPING'))
				ORDER BY a.claimed_at LIMIT 1""")
			.params(run.jobName(), key, run.instanceId(), asOfGiven, Timestamp.from(asOf))
			.query(Long.class)
			.optional()
			.map(execution -> new Duplicate(execution, "being applied by execution " + execution));
		if (running.isPresent()) {
			return running;
		}
		if (asOfGiven) {
			return this.jdbc.sql("""
					SELECT job_execution_id FROM feed_application
					WHERE job_name = ? AND application_key = ? AND as_of = ? AND state = 'applied'
					ORDER BY applied_at DESC LIMIT 1""")
				.params(run.jobName(), key, Timestamp.from(asOf))
				.query(Long.class)
				.optional()
				.map(execution -> new Duplicate(execution,
						"already applied with the same as-of by execution " + execution));
		}
		return this.jdbc.sql("""
				SELECT application_key, job_execution_id FROM feed_application
				WHERE job_name = ? AND state = 'applied' ORDER BY applied_at DESC, job_execution_id DESC LIMIT 1""")
			.param(run.jobName())
			.query((rs, n) -> new Duplicate(rs.getLong(2), rs.getString(1)))
			.optional()
			.filter(last -> last.reason().equals(key))
			.map(last -> new Duplicate(last.executionId(),
					"same content as the last feed applied, by execution " + last.executionId()));
	}

	/** Marks the run's claim applied; joins the caller's transaction. */
	public void applied(FeedRun run) {
		this.jdbc.sql("""
				UPDATE feed_application SET state = 'applied', applied_at = now(), job_execution_id = ?
				WHERE job_instance_id = ?""")
			.params(run.executionId(), run.instanceId())
			.update();
	}

	/** Withdraws a claim that will never be applied (the instance was abandoned). */
	public void withdraw(long instanceId) {
		this.jdbc.sql("DELETE FROM feed_application WHERE job_instance_id = ? AND state = 'applying'")
			.param(instanceId)
			.update();
	}

}
