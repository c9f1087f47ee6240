package io.ambar.stock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits a table keyed by SKU into {@code gridSize} contiguous SKU ranges of about equal size, named
 * {@code partition0..n-1}: each range is {@code after < sku <= upTo}, an absent bound being open. Ranges are
 * disjoint, so the workers never touch the same rows, and each still locks its rows in SKU order.
 * <p>
 * The same table gives the same ranges, so a restart resumes the same partitions.
 */
class SkuRangePartitioner implements Partitioner {

	static final String AFTER = "range.after";

	static final String UP_TO = "range.upTo";

	private final JdbcClient jdbc;

	private final String table;

	SkuRangePartitioner(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<String> upperBounds = this.jdbc
			.sql("SELECT max(sku) FROM (SELECT sku, ntile(?) OVER (ORDER BY sku) AS tile FROM " + this.table
					+ ") t GROUP BY tile ORDER BY tile")
			.param(gridSize)
			.query(String.class)
			.list();
		Map<String, ExecutionContext> partitions = new HashMap<>();
		int tiles = upperBounds.size();
		for (int i = 0; i < gridSize; i++) {
			ExecutionContext context = new ExecutionContext();
			if (i < tiles) {
				// the first range is open below, the last open above
				put(context, AFTER, (i == 0) ? null : upperBounds.get(i - 1));
				put(context, UP_TO, (i == tiles - 1) ? null : upperBounds.get(i));
			}
			else {
				// fewer SKUs than partitions: an empty range ('' < sku <= '' holds for no SKU)
				put(context, AFTER, "");
				put(context, UP_TO, "");
			}
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

	private static void put(ExecutionContext context, String key, @Nullable String value) {
		if (value != null) {
			context.putString(key, value);
		}
	}

}
