package io.ambar.feed;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reject ledger: every rejected feed line with its line number, text (of a long line, the start), SKU and
 * reason, per job instance.
 * Writes join the caller's transaction, so a chunk's rejects commit with its checkpoint.
 */
@Component
public class RejectLedger {

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	RejectLedger(JdbcTemplate jdbc, JdbcClient client) {
		this.jdbc = jdbc;
		this.client = client;
	}

	/**
	 * Records the rejects, their text and detail cut as {@link LedgerText} says; a line already recorded for the
	 * run's instance is left as it is.
	 */
	public void record(FeedRun run, List<Reject> rejects) {
		if (rejects.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (job_instance_id, line_no) DO NOTHING""", rejects, 1000, (ps, reject) -> {
			ps.setLong(1, run.instanceId());
			ps.setLong(2, run.executionId());
			ps.setString(3, run.jobName());
			ps.setString(4, run.file().toString());
			ps.setLong(5, reject.line());
			ps.setString(6, storable(reject.sku()));
			ps.setString(7, reject.reason());
			ps.setString(8, storable(reject.detail()));
			ps.setString(9, storable(reject.raw()));
		});
	}

	/** Rejects of a job instance by reason code, sorted by code; empty when there are none. */
	public Map<String, Long> countsByReason(long instanceId) {
		Map<String, Long> counts = new TreeMap<>();
		this.client.sql("SELECT reason, count(*) FROM feed_reject WHERE job_instance_id = ? GROUP BY reason")
			.param(instanceId)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** The rejects of a job instance in line order. */
	public List<Reject> rejects(long instanceId) {
		return this.client.sql("SELECT line_no, raw, sku, reason, detail FROM feed_reject WHERE job_instance_id = ? ORDER BY line_no")
			.param(instanceId)
			.query((rs, n) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	// PostgreSQL text cannot hold U+0000, and the driver would silently write an unpaired surrogate as '?'; a
	// feed value can hold both. Escape them visibly and keep the rest of the evidence.
	private static String storable(String text) {
		if (text == null) {
			return null;
		}
		String escaped = Surrogates.escaped(LedgerText.cut(text));
		return (escaped.indexOf('\0') >= 0) ? escaped.replace("\0", "\\u0000") : escaped;
	}

}
