package io.ambar.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes reject ledger rows older than the cutoff, even of an instance whose executions stay, oldest first; never
 * those of a held instance, whose restart counts its rejects from the ledger (and would otherwise apply a feed its
 * reject ratio refuses). Counts rows.
 */
final class ExpiredRejects implements Sweep {

	private static final String EXPIRED = "FROM feed_reject f WHERE f.created_at < :cutoff AND NOT "
			+ InstanceStates.held("f.job_instance_id");

	private final JdbcClient jdbc;

	ExpiredRejects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Swept sweep(Instant cutoff, int limit, ExecutionContext state) {
		int deleted = this.jdbc.sql("""
				DELETE FROM feed_reject r
				USING (SELECT f.job_instance_id, f.line_no %s ORDER BY f.created_at LIMIT :limit) d
				WHERE r.job_instance_id = d.job_instance_id AND r.line_no = d.line_no""".formatted(EXPIRED))
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.update();
		return new Swept(deleted, deleted == limit);
	}

	@Override
	public long count(Instant cutoff, ExecutionContext state) {
		return this.jdbc.sql("SELECT count(*) " + EXPIRED).param("cutoff", Timestamp.from(cutoff)).query(Long.class).single();
	}

}
