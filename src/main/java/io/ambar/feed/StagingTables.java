package io.ambar.feed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables a feed job instance works in: {@code stage_<prefix>_<instanceId>} and its {@code _apply} and
 * {@code _repeats} companions. Names are built from a number and a fixed prefix, never from feed values.
 */
@Component
public class StagingTables {

	private final JdbcClient jdbc;

	StagingTables(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Drops the instance's tables that exist; joins the caller's transaction, if any. */
	public void drop(String prefix, long instanceId) {
		String staging = "stage_" + prefix + "_" + instanceId;
		this.jdbc.sql("DROP TABLE IF EXISTS " + staging + ", " + staging + "_apply, " + StagingWriter.repeatsTable(staging))
			.update();
	}

	/** Drops every staging table of a job instance, whichever job it belongs to. */
	public void dropAll(long instanceId) {
		this.jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ ?")
			.param("^stage_[a-z]+_" + instanceId + "(_apply|_repeats)?$")
			.query(String.class)
			.list()
			.forEach(table -> this.jdbc.sql("DROP TABLE IF EXISTS " + table).update());
	}

}
