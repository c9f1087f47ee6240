package io.ambar;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Quartz store of one scheduler name, emptied: child JVMs that form a cluster of their own name leave their
 * schedules and firings behind them, in a database a later run may join.
 */
public final class QuartzTables {

	private static final List<String> TABLES = List.of("qrtz_fired_triggers", "qrtz_simple_triggers",
			"qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details",
			"qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks");

	private QuartzTables() {
	}

	public static void clear(JdbcClient jdbc, String schedulerName) {
		TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table + " WHERE sched_name = ?").param(schedulerName).update());
	}

}
