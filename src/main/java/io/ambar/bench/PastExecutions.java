package io.ambar.bench;

import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the job repository with past executions, set-based, as a year of runs leaves it: three quarters
 * stock-update and one quarter product-sync, spread evenly over the last 365 days, each with the parameters, job
 * context, steps and step contexts of a real run (copied from a template execution, so that they read back), and
 * with the rows that hang on them: two rejects per completed stock-update, the feed claim of each applied instance,
 * and an audit row per launch. One in a hundred failed and was restarted, one in 500 was abandoned, one in 25,000
 * failed and is still restartable.
 */
final class PastExecutions {

	private final JdbcClient jdbc;

	PastExecutions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Empties the job repository and what hangs on it (ledgers, claims, owners, slots, audit): a bench's start. */
	void empty() {
		this.jdbc.sql("""
				TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,
				    batch_job_execution_params, batch_job_execution, batch_job_instance, feed_reject, feed_application,
				    execution_owner, run_slot, audit_log""").update();
	}

	/**
	 * Inserts the executions.
	 * @param template a completed execution whose context, steps and step contexts each past one copies
	 * @return the rows inserted, all tables together
	 */
	long insert(int count, long template) {
		long steps = this.jdbc.sql("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = ?")
			.param(template)
			.query(Long.class)
			.single();
		long instanceBase = reserve("batch_job_instance_seq", count);
		long executionBase = reserve("batch_job_execution_seq", count);
		long stepBase = reserve("batch_step_execution_seq", count * steps);
		long rows = 0;
		// execution g belongs to instance g - g / 100: execution 99 fails, 100 restarts it, and so on
		rows += insert("batch_job_instance", """
				INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
				SELECT :instances + i, 0, CASE WHEN i % 4 = 0 THEN 'product-sync' ELSE 'stock-update' END,
				       md5('past-' || (:instances + i))
				FROM generate_series(1, :count) AS g, LATERAL (SELECT g - g / 100 AS i) AS x WHERE g % 100 <> 0""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("batch_job_execution", """
				INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
				    end_time, status, exit_code, exit_message, last_updated)
				SELECT :executions + g, 2, :instances + g - g / 100, t, t, t + interval '40 seconds', s, s, '',
				       t + interval '40 seconds'
				FROM generate_series(1, :count) AS g,
				     LATERAL (SELECT localtimestamp - interval '1 hour' - (:count - g) * (interval '365 days' / :count) AS t,
				                     CASE WHEN g % 100 = 99 OR g % 25000 = 1234 THEN 'FAILED'
				                          WHEN g % 500 = 250 THEN 'ABANDONED' ELSE 'COMPLETED' END AS s) AS x""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("batch_job_execution_params", """
				INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type, parameter_value,
				    identifying)
				SELECT e.job_execution_id, p.name, p.type,
				       CASE p.name WHEN 'file' THEN '/data/inbox/feed-' || e.job_instance_id || '.csv'
				                   WHEN 'run.id' THEN (1700000000000000 + e.job_instance_id)::text
				                   ELSE to_char(e.create_time, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END, p.identifying
				FROM batch_job_execution e,
				     (VALUES ('file', 'java.lang.String', 'Y'), ('run.id', 'java.lang.Long', 'Y'),
				             ('launched-at', 'java.lang.String', 'N')) AS p(name, type, identifying)
				WHERE e.job_execution_id BETWEEN :executions + 1 AND :executions + :count""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("batch_job_execution_context", """
				INSERT INTO batch_job_execution_context (job_execution_id, short_context, serialized_context)
				SELECT :executions + g, c.short_context, c.serialized_context
				FROM generate_series(1, :count) AS g, batch_job_execution_context c WHERE c.job_execution_id = :template""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("batch_step_execution", """
				INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
				    start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count,
				    write_skip_count, process_skip_count, rollback_count, exit_code, exit_message, last_updated)
				SELECT :steps + (e.job_execution_id - :executions - 1) * :stepCount + s.o, s.version, s.step_name,
				       e.job_execution_id, e.create_time + s.o * interval '4 seconds', e.create_time + s.o * interval '4 seconds',
				       e.create_time + (s.o + 1) * interval '4 seconds',
				       CASE WHEN e.status = 'FAILED' AND s.o = :stepCount THEN 'FAILED' ELSE s.status END, s.commit_count,
				       s.read_count, s.filter_count, s.write_count, s.read_skip_count, s.write_skip_count,
				       s.process_skip_count, s.rollback_count,
				       CASE WHEN e.status = 'FAILED' AND s.o = :stepCount THEN 'FAILED' ELSE s.exit_code END, '',
				       e.create_time + (s.o + 1) * interval '4 seconds'
				FROM batch_job_execution e,
				     (SELECT row_number() OVER (ORDER BY step_execution_id) AS o, * FROM batch_step_execution
				      WHERE job_execution_id = :template) AS s
				WHERE e.job_execution_id BETWEEN :executions + 1 AND :executions + :count""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("batch_step_execution_context", """
				INSERT INTO batch_step_execution_context (step_execution_id, short_context, serialized_context)
				SELECT :steps + (g - 1) * :stepCount + s.o, c.short_context, c.serialized_context
				FROM generate_series(1, :count) AS g,
				     (SELECT row_number() OVER (ORDER BY step_execution_id) AS o, step_execution_id FROM batch_step_execution
				      WHERE job_execution_id = :template) AS s
				JOIN batch_step_execution_context c ON c.step_execution_id = s.step_execution_id""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("feed_reject", """
				INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw,
				    created_at)
				SELECT e.job_instance_id, e.job_execution_id, 'stock-update', '/data/inbox/feed-' || e.job_instance_id || '.csv',
				       l, 'SKU-NOPE-' || l, 'UNKNOWN_SKU', 'not in the catalogue', 'SKU-NOPE-' || l || ',5', e.end_time
				FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id,
				     generate_series(2, 3) AS l
				WHERE e.job_execution_id BETWEEN :executions + 1 AND :executions + :count AND e.status = 'COMPLETED'
				  AND i.job_name = 'stock-update'""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("feed_application", """
				INSERT INTO feed_application (job_name, application_key, job_instance_id, job_execution_id, file, as_of,
				    as_of_given, state, applied_at, claimed_at)
				SELECT i.job_name, encode(sha256(convert_to('past-' || e.job_instance_id, 'UTF8')), 'hex'), e.job_instance_id,
				       e.job_execution_id, '/data/inbox/feed-' || e.job_instance_id || '.csv', e.create_time, false, 'applied',
				       e.end_time, e.create_time
				FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE e.job_execution_id BETWEEN :executions + 1 AND :executions + :count AND e.status = 'COMPLETED'""",
				count, instanceBase, executionBase, stepBase, template, steps);
		rows += insert("audit_log", """
				INSERT INTO audit_log (at, actor, channel, action, target, parameters, outcome, detail)
				SELECT e.create_time, 'ambar-scheduler', 'scheduler', 'launch', i.job_name,
				       jsonb_build_object('file', '/data/inbox/feed-' || e.job_instance_id || '.csv'), 'DONE',
				       'execution ' || e.job_execution_id || ' started'
				FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE e.job_execution_id BETWEEN :executions + 1 AND :executions + :count""",
				count, instanceBase, executionBase, stepBase, template, steps);
		// what autovacuum and the checkpointer do while the rows arrive over a year, not while a timing runs
		for (String table : List.of("batch_job_instance", "batch_job_execution", "batch_job_execution_params",
				"batch_job_execution_context", "batch_step_execution", "batch_step_execution_context", "feed_reject",
				"feed_application", "audit_log")) {
			this.jdbc.sql("VACUUM (ANALYZE) " + table).update();
		}
		try {
			this.jdbc.sql("CHECKPOINT").update();
		}
		catch (DataAccessException ex) {
			// CHECKPOINT needs a superuser or pg_checkpoint; the timings are then just noisier
			System.err.println("bench: no CHECKPOINT after the past executions (" + ex.getMostSpecificCause().getMessage() + ")");
		}
		return rows;
	}

	/** Takes {@code count} ids from the sequence at once; returns the one before the first. */
	private long reserve(String sequence, long count) {
		long before = this.jdbc.sql("SELECT nextval(CAST(? AS regclass))").param(sequence).query(Long.class).single();
		this.jdbc.sql("SELECT setval(CAST(? AS regclass), ?)").params(sequence, before + count).query(Long.class).single();
		return before - 1;
	}

	/**
	 * Runs one insert, then analyzes its table: a pooled connection keeps the plans of its foreign-key checks, made
	 * when the tables were small (a scan of the whole table), until the statistics change; the next insert, whose
	 * rows point into this table, would otherwise scan it once per row.
	 */
	private long insert(String table, String sql, int count, long instances, long executions, long steps,
			long template, long stepCount) {
		int rows = this.jdbc.sql(sql)
			.param("count", count)
			.param("instances", instances)
			.param("executions", executions)
			.param("steps", steps)
			.param("template", template)
			.param("stepCount", stepCount)
			.update();
		this.jdbc.sql("ANALYZE " + table).update();
		return rows;
	}

}
