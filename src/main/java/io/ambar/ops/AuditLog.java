package io.ambar.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit of operator actions, from every face: who did what to which target, with what parameters, the outcome
 * and when. Kept in the append-only {@code audit_log} table; each record commits on its own, whatever becomes of
 * the action.
 */
@Component
public class AuditLog {

	private static final Log logger = LogFactory.getLog(AuditLog.class);

	private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What an action came to. */
	public enum Outcome {

		/** Done as asked. */
		DONE,

		/** Refused by a rule; nothing changed. */
		REFUSED,

		/** Tried, and failed on the way. */
		FAILED

	}

	/**
	 * One audited action.
	 *
	 * @param target what it acted on: {@code stock-update}, {@code execution 42}, {@code schedule nightly}
	 */
	public record Entry(long id, Instant at, String actor, String channel, String action, String target,
			Map<String, String> parameters, String outcome, @Nullable String detail) {
	}

	/** Records an action; a failure to record is logged, never thrown over the action's own outcome. */
	public void record(Actor actor, String action, String target, Map<String, String> parameters, Outcome outcome,
			@Nullable String detail) {
		try {
			this.jdbc.sql("""
					INSERT INTO audit_log (actor, channel, action, target, parameters, outcome, detail)
					VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""")
				.params(actor.name(), actor.channel().id(), action, target,
						JsonMapper.shared().writeValueAsString(parameters), outcome.name(), detail)
				.update();
		}
		catch (RuntimeException ex) {
			logger.error("Could not record in the audit log: " + actor + " " + action + " " + target + " " + outcome, ex);
		}
	}

	/**
	 * The newest entries first.
	 * @param before only entries older than this id; null for the newest
	 */
	public List<Entry> entries(@Nullable Long before, int limit) {
		return this.jdbc.sql("""
				SELECT id, at, actor, channel, action, target, parameters::text, outcome, detail FROM audit_log
				WHERE (CAST(:before AS bigint) IS NULL OR id < :before) ORDER BY id DESC LIMIT :limit""")
			.param("before", before)
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), JsonMapper.shared().readValue(rs.getString(7), PARAMETERS),
					rs.getString(8), rs.getString(9)))
			.list();
	}

}
