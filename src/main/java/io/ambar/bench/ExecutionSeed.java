package io.ambar.bench;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the job repository with past executions, set-based, for the console's timings: each a copy of one of two
 * real runs (a stock-update and a product-sync the bench ran on small feeds), with its parameters, steps and
 * contexts, seven in ten of them stock-update, one in fifty FAILED, created every 315 seconds back from now (a
 * year for 100,000). The newest stock-update copy has 10,000 rejected lines; three product-sync copies are left
 * STARTED with no owner, as orphans; the audit log gets 10,000 entries.
 * <p>
 * Everything Ambar keeps about executions in the bench's database is emptied first.
 */
final class ExecutionSeed {

	/** How many rejects the sample execution has. */
	static final int REJECTS = 10_000;

	private final JdbcClient jdbc;

	ExecutionSeed(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/** A seeded sample: an execution whose page and rejects are timed, and the file it names. */
	record Sample(long executionId, long instanceId, String file) {
	}

	/** Empties the repository and Ambar's records of executions, leaving the catalogue as it is. */
	void empty() {
		this.jdbc.sql("""
				TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,
				  batch_job_execution_params, batch_job_execution, batch_job_instance, feed_reject, feed_application,
				  execution_owner, run_slot, audit_log""").update();
	}

	/**
	 * Adds copies of the two template executions, numbered after the ones there are.
	 * @return the newest stock-update copy
	 */
	Sample seed(int executions, long stockTemplate, long productTemplate) {
		long base = this.jdbc.sql("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution").query(Long.class).single();
		long baseInstance = this.jdbc.sql("SELECT coalesce(max(job_instance_id), 0) FROM batch_job_instance")
			.query(Long.class)
			.single();
		long baseStep = this.jdbc.sql("SELECT coalesce(max(step_execution_id), 0) FROM batch_step_execution")
			.query(Long.class)
			.single();
		int steps = this.jdbc.sql("""
				SELECT max(c) FROM (SELECT count(*) c FROM batch_step_execution WHERE job_execution_id IN (:stock, :product)
				GROUP BY job_execution_id) counted""")
			.param("stock", stockTemplate)
			.param("product", productTemplate)
			.query(Integer.class)
			.single();
		String template = "CASE WHEN n % 10 < 7 THEN :stock ELSE :product END";
		run("""
				INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
				SELECT :bi + n, 0, CASE WHEN n % 10 < 7 THEN 'stock-update' ELSE 'product-sync' END, md5('ambar-bench-' || n)
				FROM generate_series(1, :n) n""", executions, base, baseInstance, baseStep, steps, stockTemplate, productTemplate);
		run("""
				INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, end_time,
				  status, exit_code, exit_message, last_updated)
				SELECT :be + n, t.version, :bi + n, c.created, c.created + interval '1 second',
				  c.created + interval '1 second' + (t.end_time - t.start_time), s.status, s.status,
				  CASE WHEN s.status = 'FAILED' THEN 'load: feed.csv line 1: missing column quantity' ELSE t.exit_message END,
				  c.created + interval '1 second' + (t.end_time - t.start_time)
				FROM generate_series(1, :n) n
				JOIN batch_job_execution t ON t.job_execution_id = %s
				CROSS JOIN LATERAL (SELECT localtimestamp - (:n - n) * interval '315 seconds' AS created) c
				CROSS JOIN LATERAL (SELECT CASE WHEN n %% 50 = 0 THEN 'FAILED' ELSE 'COMPLETED' END AS status) s"""
			.formatted(template), executions, base, baseInstance, baseStep, steps, stockTemplate, productTemplate);
		run("""
				INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type, parameter_value,
				  identifying)
				SELECT :be + n, p.parameter_name, p.parameter_type, CASE p.parameter_name
				    WHEN 'run.id' THEN (:be + n)::text
				    WHEN 'file' THEN CASE WHEN n %% 10 < 7 THEN '/srv/feeds/warehouse-' || (n %% 20) || '/stock-' || n || '.csv'
				                        ELSE '/srv/feeds/pim/products-' || n || '.jsonl' END
				    ELSE p.parameter_value END, p.identifying
				FROM generate_series(1, :n) n
				JOIN batch_job_execution_params p ON p.job_execution_id = %s""".formatted(template), executions, base,
				baseInstance, baseStep, steps, stockTemplate, productTemplate);
		run("""
				INSERT INTO batch_job_execution_context (job_execution_id, short_context, serialized_context)
				SELECT :be + n, c.short_context, c.serialized_context
				FROM generate_series(1, :n) n
				JOIN batch_job_execution_context c ON c.job_execution_id = %s""".formatted(template), executions, base,
				baseInstance, baseStep, steps, stockTemplate, productTemplate);
		String templateSteps = """
				(SELECT s.*, row_number() OVER (PARTITION BY s.job_execution_id ORDER BY s.step_execution_id) AS ord
				 FROM batch_step_execution s WHERE s.job_execution_id IN (:stock, :product)) t
				 ON t.job_execution_id = %s""".formatted(template);
		run("""
				INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
				  start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count,
				  write_skip_count, process_skip_count, rollback_count, exit_code, exit_message, last_updated)
				SELECT :bs + (n - 1) * :k + t.ord, t.version, t.step_name, :be + n, e.create_time,
				  e.start_time + (t.start_time - t0.start_time), e.start_time + (t.end_time - t0.start_time), t.status,
				  t.commit_count, t.read_count, t.filter_count, t.write_count, t.read_skip_count, t.write_skip_count,
				  t.process_skip_count, t.rollback_count, t.exit_code, t.exit_message, e.last_updated
				FROM generate_series(1, :n) n
				JOIN %s
				JOIN batch_job_execution t0 ON t0.job_execution_id = t.job_execution_id
				JOIN batch_job_execution e ON e.job_execution_id = :be + n""".formatted(templateSteps), executions, base,
				baseInstance, baseStep, steps, stockTemplate, productTemplate);
		run("""
				INSERT INTO batch_step_execution_context (step_execution_id, short_context, serialized_context)
				SELECT :bs + (n - 1) * :k + t.ord, c.short_context, c.serialized_context
				FROM generate_series(1, :n) n
				JOIN %s
				JOIN batch_step_execution_context c ON c.step_execution_id = t.step_execution_id""".formatted(templateSteps),
				executions, base, baseInstance, baseStep, steps, stockTemplate, productTemplate);
		for (String sequence : new String[] { "batch_job_instance_seq:batch_job_instance:job_instance_id",
				"batch_job_execution_seq:batch_job_execution:job_execution_id",
				"batch_step_execution_seq:batch_step_execution:step_execution_id" }) {
			String[] parts = sequence.split(":");
			this.jdbc.sql("SELECT setval('" + parts[0] + "', (SELECT max(" + parts[2] + ") FROM " + parts[1] + "))")
				.query(Long.class)
				.single();
		}
		orphans(base);
		audit();
		Sample sample = this.jdbc.sql("""
				SELECT e.job_execution_id, e.job_instance_id, p.parameter_value FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'file'
				WHERE i.job_name = 'stock-update' AND e.status = 'COMPLETED' ORDER BY e.job_execution_id DESC LIMIT 1""")
			.query((rs, row) -> new Sample(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.single();
		rejects(sample);
		this.jdbc.sql("ANALYZE").update();
		return sample;
	}

	private void run(String sql, int executions, long base, long baseInstance, long baseStep, int steps, long stock,
			long product) {
		this.jdbc.sql(sql)
			.param("n", executions)
			.param("be", base)
			.param("bi", baseInstance)
			.param("bs", baseStep)
			.param("k", steps)
			.param("stock", stock)
			.param("product", product)
			.update();
	}

	/** The three newest product-sync copies, still STARTED an hour after their last update, with no owner. */
	private void orphans(long base) {
		this.jdbc.sql("""
				UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL,
				  last_updated = localtimestamp - interval '1 hour'
				WHERE job_execution_id IN (SELECT e.job_execution_id FROM batch_job_execution e
				  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				  WHERE i.job_name = 'product-sync' AND e.job_execution_id > ? ORDER BY e.job_execution_id DESC LIMIT 3)""")
			.param(base)
			.update();
	}

	private void audit() {
		this.jdbc.sql("""
				INSERT INTO audit_log (at, actor, channel, action, target, parameters, outcome, detail)
				SELECT now() - g * interval '1 minute', CASE WHEN g % 4 = 0 THEN 'ambar-recovery' ELSE 'operator' END,
				  CASE WHEN g % 4 = 0 THEN 'recovery' ELSE 'console' END, 'restart', 'execution ' || g, '{}'::jsonb,
				  CASE WHEN g % 7 = 0 THEN 'REFUSED' ELSE 'DONE' END, 'execution ' || (g + 1) || ' started'
				FROM generate_series(1, ?) g""").param(REJECTS).update();
	}

	private void rejects(Sample sample) {
		this.jdbc.sql("""
				INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw)
				SELECT ?, ?, 'stock-update', ?, g + 1, 'SKU-' || g, CASE WHEN g % 3 = 0 THEN 'UNKNOWN_SKU' ELSE 'INVALID_QUANTITY' END,
				  'quantity ''x'' is not a whole number from 0 to 2147483647', 'SKU-' || g || ',x'
				FROM generate_series(1, ?) g""")
			.params(sample.instanceId(), sample.executionId(), sample.file(), REJECTS)
			.update();
	}

}
