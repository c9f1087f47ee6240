package io.ambar.housekeeping;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ambar.feed.StagingTables;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drops staging tables ({@code stage_<job>_<instance>} and companions) that no execution can use any more: those of
 * an instance that is gone, and those of an instance that completed or was abandoned more than the age ago (the
 * jobs drop their own as they end; what is left is a leftover). Tables of a held instance stay whatever their age.
 * Counts tables.
 */
final class LeftoverStagingTables implements Sweep {

	/** DROP TABLE takes a lock held to the commit: few instances' tables per transaction keep the lock table small. */
	private static final int INSTANCES_PER_TRANSACTION = 50;

	private static final Pattern NAME = Pattern.compile("stage_([a-z]+)_([0-9]+)(?:_apply|_repeats)?");

	private final JdbcClient jdbc;

	private final StagingTables stagingTables;

	LeftoverStagingTables(JdbcClient jdbc, StagingTables stagingTables) {
		this.jdbc = jdbc;
		this.stagingTables = stagingTables;
	}

	@Override
	public Swept sweep(Instant cutoff, int limit, ExecutionContext state) {
		List<Leftover> leftovers = leftovers(cutoff);
		int take = Math.min(leftovers.size(), Math.min(limit, INSTANCES_PER_TRANSACTION));
		long dropped = 0;
		for (Leftover leftover : leftovers.subList(0, take)) {
			this.stagingTables.drop(leftover.prefix(), leftover.instanceId());
			dropped += leftover.tables();
		}
		return new Swept(dropped, leftovers.size() > take);
	}

	@Override
	public long count(Instant cutoff, ExecutionContext state) {
		return leftovers(cutoff).stream().mapToLong(Leftover::tables).sum();
	}

	private List<Leftover> leftovers(Instant cutoff) {
		Map<String, Leftover> byStaging = new TreeMap<>();
		this.jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'stage\\_%'")
			.query(String.class)
			.list()
			.forEach(table -> {
				Matcher name = NAME.matcher(table);
				if (name.matches()) {
					Leftover found = new Leftover(name.group(1), Long.parseLong(name.group(2)), 1);
					byStaging.merge(name.group(1) + "_" + name.group(2), found, Leftover::plusOne);
				}
			});
		if (byStaging.isEmpty()) {
			return List.of();
		}
		long[] instances = byStaging.values().stream().mapToLong(Leftover::instanceId).distinct().toArray();
		Set<Long> unused = new HashSet<>(this.jdbc.sql("""
				SELECT c.id FROM unnest(CAST(:ids AS bigint[])) AS c(id)
				WHERE NOT EXISTS (SELECT 1 FROM batch_job_instance i WHERE i.job_instance_id = c.id)
				   OR (EXISTS (SELECT 1 FROM batch_job_execution e WHERE e.job_instance_id = c.id)
				       AND NOT EXISTS (SELECT 1 FROM batch_job_execution e WHERE e.job_instance_id = c.id
				                       AND coalesce(e.end_time, e.last_updated, e.create_time) >= :cutoff)
				       AND NOT %s)""".formatted(InstanceStates.held("c.id")))
			.param("ids", instances)
			.param("cutoff", ExpiredExecutions.local(cutoff))
			.query(Long.class)
			.list());
		return byStaging.values().stream().filter(leftover -> unused.contains(leftover.instanceId())).toList();
	}

	/** The staging tables of one instance of one job: {@code stage_<prefix>_<instanceId>} and its companions. */
	private record Leftover(String prefix, long instanceId, int tables) {

		Leftover plusOne(Leftover other) {
			return new Leftover(this.prefix, this.instanceId, this.tables + other.tables);
		}

	}

}
