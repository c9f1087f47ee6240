package io.ambar.feed;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits a table keyed by SKU (or by another unique text key of its rows, see stock-update's apply table) into
 * {@code gridSize} contiguous key ranges of about equal size, named {@code partition0..n-1}: each range is
 * {@code after < key <= upTo}, an absent bound being open. Ranges are disjoint, so the workers never touch the same
 * rows, and each still locks its rows in SKU order.
 * <p>
 * The step keeps the bounds of its first split, so a restart resumes the same partitions. Both feed jobs apply their
 * changes this way; {@link #rangeReader} reads one range.
 */
public class SkuRangePartitioner implements Partitioner {

	/** The most ranges a job applies at once by default: each holds a connection of the pool while it writes. */
	private static final int MAX_DEFAULT_PARTITIONS = 4;

	static final String AFTER = "range.after";

	static final String UP_TO = "range.upTo";

	/** In the partitioned step's context: the upper bounds of its ranges, as first split. */
	static final String BOUNDS = "range.bounds";

	private final JdbcClient jdbc;

	private final String table;

	private final String key;

	private final JobRepository jobRepository;

	private final StepExecution manager;

	/**
	 * @param table the apply table, keyed by {@code sku}; its name is built by the job, never from feed values
	 * @param manager the partitioned step's execution, where the bounds are kept for its restarts
	 */
	public SkuRangePartitioner(JdbcClient jdbc, String table, JobRepository jobRepository, StepExecution manager) {
		this(jdbc, table, "sku", jobRepository, manager);
	}

	/**
	 * @param table the apply table; its name is built by the job, never from feed values
	 * @param key the table's unique, indexed text column the ranges are taken on
	 * @param manager the partitioned step's execution, where the bounds are kept for its restarts
	 */
	public SkuRangePartitioner(JdbcClient jdbc, String table, String key, JobRepository jobRepository,
			StepExecution manager) {
		this.jdbc = jdbc;
		this.table = table;
		this.key = key;
		this.jobRepository = jobRepository;
		this.manager = manager;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<String> upperBounds = savedBounds();
		if (upperBounds == null) {
			// one range is open both ways: its bound is never used
			upperBounds = (gridSize < 2) ? List.of("")
					: boundsFromStatistics(gridSize).orElseGet(() -> exactBounds(gridSize));
			// saved before any range is handed out: a restart splits again (Spring Batch gives the ranges that ran
			// before their saved contexts, but one that never started the new split's), and an ANALYZE meanwhile
			// would move the bounds, leaving keys between two ranges of different splits
			this.manager.getExecutionContext().put(BOUNDS, new ArrayList<>(upperBounds));
			this.jobRepository.updateExecutionContext(this.manager);
		}
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

	@SuppressWarnings("unchecked")
	private @Nullable List<String> savedBounds() {
		return (List<String>) this.manager.getExecutionContext().get(BOUNDS);
	}

	/**
	 * The upper bounds of {@code gridSize} ranges from the key's histogram, which the table's ANALYZE left in
	 * {@code pg_stats} (quantiles of a sample: ranges of about equal size, never exact). Empty when there is none,
	 * or too few buckets to split by. Reading it costs nothing, where numbering every row to take exact tiles read
	 * and sorted the whole table: 1 s of a 1M-line stock feed's apply step, 120 s of a 10M-product feed's. The
	 * ranges cover every key whatever the bounds (the first is open below, the last open above).
	 */
	private Optional<List<String>> boundsFromStatistics(int gridSize) {
		List<String> histogram = this.jdbc.sql("""
				SELECT s.histogram_bounds::text::text[] FROM pg_stats s
				JOIN pg_namespace n ON n.nspname = s.schemaname
				JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename
				WHERE c.oid = to_regclass(?) AND s.attname = ? AND NOT s.inherited""")
			.params(this.table, this.key)
			.query((rs, n) -> {
				Array bounds = rs.getArray(1);
				return (bounds != null) ? List.of((String[]) bounds.getArray()) : List.<String>of();
			})
			.optional()
			.orElse(List.of());
		if (histogram.size() <= 2 * gridSize) {
			return Optional.empty();
		}
		List<String> bounds = new ArrayList<>();
		for (int i = 1; i < gridSize; i++) {
			bounds.add(histogram.get(Math.round((float) i * (histogram.size() - 1) / gridSize)));
		}
		// the last range is open above: its bound is never used
		bounds.add(histogram.get(histogram.size() - 1));
		return Optional.of(bounds);
	}

	/** The upper bounds of {@code gridSize} ranges of equal size: the table's keys numbered in order. */
	private List<String> exactBounds(int gridSize) {
		return this.jdbc
			.sql("SELECT max(" + this.key + ") FROM (SELECT " + this.key + ", ntile(?) OVER (ORDER BY " + this.key
					+ ") AS tile FROM " + this.table + ") t GROUP BY tile ORDER BY tile")
			.param(gridSize)
			.query(String.class)
			.list();
	}

	private static void put(ExecutionContext context, String key, @Nullable String value) {
		if (value != null) {
			context.putString(key, value);
		}
	}

	/**
	 * How many ranges to apply at once when not configured: one per processor of this machine (PostgreSQL runs a
	 * statement on one core; here it is most often on the same machine), at most {@value #MAX_DEFAULT_PARTITIONS}
	 * so that a few jobs at once stay within the connection pool.
	 */
	public static int defaultPartitions() {
		return Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_PARTITIONS);
	}

	/**
	 * The SKUs of the range a partition of this partitioner was given, in order. Keyset paging on the apply
	 * table's key: a restart resumes after the last committed SKU. The bounds come from the feed, so they are bound
	 * parameters, never SQL text.
	 */
	public static JdbcPagingItemReader<String> rangeReader(DataSource dataSource, String table, int pageSize,
			StepExecution partition) throws Exception {
		return rangeReader(dataSource, table, "sku", pageSize, partition);
	}

	/**
	 * The keys of the range a partition of a partitioner on {@code key} was given, in order; a restart resumes
	 * after the last committed key.
	 */
	public static JdbcPagingItemReader<String> rangeReader(DataSource dataSource, String table, String key,
			int pageSize, StepExecution partition) throws Exception {
		ExecutionContext range = partition.getExecutionContext();
		Map<String, @Nullable Object> bounds = new HashMap<>();
		bounds.put("after", range.containsKey(AFTER) ? range.getString(AFTER) : null);
		bounds.put("upTo", range.containsKey(UP_TO) ? range.getString(UP_TO) : null);
		return new JdbcPagingItemReaderBuilder<String>().name("changes")
			.dataSource(dataSource)
			.selectClause(key)
			.fromClause(table)
			.whereClause("(CAST(:after AS text) IS NULL OR " + key + " > CAST(:after AS text))"
					+ " AND (CAST(:upTo AS text) IS NULL OR " + key + " <= CAST(:upTo AS text))")
			.parameterValues(bounds)
			.sortKeys(Map.of(key, Order.ASCENDING))
			.pageSize(pageSize)
			.rowMapper((rs, n) -> rs.getString(1))
			.build();
	}

}
