package io.ambar.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes job instances whose every execution is older than the cutoff, whole: their step and job executions with
 * contexts and parameters, owner records and run slots, reject ledger, feed claim, and then the instance, in
 * foreign-key order. Counts executions.
 * <p>
 * Kept whatever their age: held instances (see {@link InstanceStates}), the instance of each job's latest execution,
 * and the instance of each job's latest applied feed claim, which the duplicate check compares a feed with (and
 * whose execution its "already applied by" names). Both are taken when the step starts: what becomes latest later is
 * newer than any cutoff.
 */
final class ExpiredExecutions implements Sweep {

	private static final String KEPT = "housekeeping.kept-instances";

	private static final String EXPIRED = """
			FROM batch_job_execution e
			WHERE e.create_time < :cutoff AND e.job_instance_id <> ALL(:kept)
			  AND NOT EXISTS (SELECT 1 FROM batch_job_execution n
			                  WHERE n.job_instance_id = e.job_instance_id AND n.create_time >= :cutoff)
			  AND NOT %s""".formatted(InstanceStates.held("e.job_instance_id"));

	private final JdbcClient jdbc;

	ExpiredExecutions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void prepare(ExecutionContext state) {
		List<Long> kept = this.jdbc.sql("""
				SELECT e.job_instance_id FROM batch_job_execution e
				WHERE e.job_execution_id IN (SELECT max(l.job_execution_id) FROM batch_job_execution l
				                             JOIN batch_job_instance i ON i.job_instance_id = l.job_instance_id
				                             GROUP BY i.job_name)
				UNION
				(SELECT DISTINCT ON (job_name) job_instance_id FROM feed_application WHERE state = 'applied'
				 ORDER BY job_name, applied_at DESC, job_execution_id DESC)""").query(Long.class).list();
		state.putString(KEPT, kept.stream().map(String::valueOf).collect(Collectors.joining(",")));
	}

	@Override
	public Swept sweep(Instant cutoff, int limit, ExecutionContext state) {
		long[] instances = this.jdbc.sql("SELECT e.job_instance_id " + EXPIRED + " ORDER BY e.create_time LIMIT :limit")
			.param("cutoff", local(cutoff))
			.param("kept", kept(state))
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		long[] distinct = Arrays.stream(instances).distinct().toArray();
		return new Swept((distinct.length > 0) ? delete(distinct) : 0, instances.length == limit);
	}

	@Override
	public long count(Instant cutoff, ExecutionContext state) {
		return this.jdbc.sql("SELECT count(*) FROM batch_job_execution x WHERE x.job_instance_id IN (SELECT e.job_instance_id "
				+ EXPIRED + ")").param("cutoff", local(cutoff)).param("kept", kept(state)).query(Long.class).single();
	}

	/** Deletes the instances with everything that hangs on them; the caller's transaction commits it all at once. */
	private long delete(long[] instances) {
		long[] executions = this.jdbc.sql("SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = ANY(:ids)")
			.param("ids", instances)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		update("""
				DELETE FROM batch_step_execution_context WHERE step_execution_id IN
				    (SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id = ANY(:ids))""", executions);
		update("DELETE FROM batch_step_execution WHERE job_execution_id = ANY(:ids)", executions);
		update("DELETE FROM batch_job_execution_context WHERE job_execution_id = ANY(:ids)", executions);
		update("DELETE FROM batch_job_execution_params WHERE job_execution_id = ANY(:ids)", executions);
		update("DELETE FROM execution_owner WHERE job_execution_id = ANY(:ids)", executions);
		update("DELETE FROM run_slot WHERE job_execution_id = ANY(:ids)", executions);
		long deleted = update("DELETE FROM batch_job_execution WHERE job_execution_id = ANY(:ids)", executions);
		update("DELETE FROM feed_reject WHERE job_instance_id = ANY(:ids)", instances);
		update("DELETE FROM feed_application WHERE job_instance_id = ANY(:ids)", instances);
		update("DELETE FROM batch_job_instance WHERE job_instance_id = ANY(:ids)", instances);
		return deleted;
	}

	private int update(String sql, long[] ids) {
		return this.jdbc.sql(sql).param("ids", ids).update();
	}

	private static long[] kept(ExecutionContext state) {
		String kept = state.getString(KEPT, "");
		return kept.isEmpty() ? new long[0] : Arrays.stream(kept.split(",")).mapToLong(Long::parseLong).toArray();
	}

	/** Spring Batch keeps its times as local timestamps of the JVM that wrote them. */
	static Timestamp local(Instant instant) {
		return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
	}

}
