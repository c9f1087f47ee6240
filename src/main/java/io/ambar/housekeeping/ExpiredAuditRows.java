package io.ambar.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes audit rows older than the cutoff, oldest first (the audit log refuses an UPDATE, not a DELETE). Counts
 * rows.
 */
final class ExpiredAuditRows implements Sweep {

	private final JdbcClient jdbc;

	ExpiredAuditRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Swept sweep(Instant cutoff, int limit, ExecutionContext state) {
		int deleted = this.jdbc.sql("""
				DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < :cutoff ORDER BY at LIMIT :limit)""")
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.update();
		return new Swept(deleted, deleted == limit);
	}

	@Override
	public long count(Instant cutoff, ExecutionContext state) {
		return this.jdbc.sql("SELECT count(*) FROM audit_log WHERE at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.query(Long.class)
			.single();
	}

}
