package io.ambar.stock;

import java.sql.Timestamp;
import java.time.Instant;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FingerprintTasklet;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.LastStep;
import io.ambar.feed.RejectLedger;
import io.ambar.feed.StagingWriter;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sorts out the staged lines in a few set-based statements, in one transaction: keeps the last line of each SKU
 * (earlier ones are superseded), sends SKUs absent from the catalogue to the ledger as {@code UNKNOWN_SKU}, counts
 * as stale the SKUs whose stock a feed of the same or a later as-of set, and writes the SKUs whose quantity
 * differs into the apply table ({@code stage_stock_<id>_apply}, keyed by {@link #APPLY_ORDER}).
 * Unchanged rows go no further, so a full snapshot with few changes applies fast.
 * <p>
 * Every count comes from committed state (the load's reader state, staging, the ledger) and the summary is saved
 * in this step's transaction: a run killed at any point and restarted gets the same counts, which the reject-ratio
 * check that follows depends on.
 */
class StockClassifyTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	private final JobRepository jobRepository;

	private final @Nullable Integer passPages;

	private final int chunkSize;

	StockClassifyTasklet(JdbcClient jdbc, RejectLedger ledger, JobRepository jobRepository,
			@Nullable Integer passPages, int chunkSize) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
		this.passPages = passPages;
		this.chunkSize = chunkSize;
	}

	static String applyTable(FeedRun run) {
		return run.applyTable(StockStagingRows.STAGING_PREFIX);
	}

	/**
	 * The apply table's column that the apply step partitions, reads and chunks by: a stripe number (see
	 * {@link #applyOrder}), zero-padded, then the SKU. A chunk (a run of this order) holds no more rows of a page than
	 * the page has room for, where a run of SKUs holds all of a page's rows when the catalogue lies in SKU order. An
	 * update needs room on the row's own page to stay HOT (no new entry in any of the catalogue's five indexes); the
	 * fill factor leaves room for a few new row versions, and the versions a committed chunk left dead are pruned
	 * before the next stripe comes to the page. On 1M products in SKU order, every row changed, PostgreSQL 15
	 * (shared_buffers 128MB), the whole stock-update: apply 25.0 s in SKU ranges (11% of the updates HOT, 1,259 MB of
	 * WAL), 9.5 s in this order (100% HOT, 820 MB); a 10%-changed feed: 3.2 s (81% HOT) and 1.9 to 2.3 s (95%).
	 */
	static final String APPLY_ORDER = "stripe_sku";

	/**
	 * The apply order's value of a changed row: its pass (5 digits), its stripe (4 digits), then its SKU.
	 * <p>
	 * The stripe is the row's rank among the changed (and stale) rows of its page, divided by how many new row versions the
	 * free space of a page takes (the fill factor's 10% over the catalogue's mean row size): a feed that changes few
	 * rows of each page, as a 10%-changed snapshot does, stays in one stripe, in SKU order; only the rows a page could
	 * not take at once go to later stripes.
	 * <p>
	 * The pass is the row's page divided by the pages a pass covers: every stripe of a run of pages is applied
	 * before the next run, so that the pages stay in the buffer pool from one stripe to the next. With stripes over
	 * the whole catalogue, a catalogue larger than the buffer pool was read, and each page written out, once per
	 * stripe (S1, every row of 10M changed, about 10 stripes, 512 MB of buffers: apply 93.4 s, 80.6 s in passes; at
	 * 1M 5.4 s). A pass is a quarter of shared_buffers, and one pass takes the whole catalogue while it fits in half
	 * of them (every 1M-line run of the benchmark's warm mode). A pass's stripe holds at least two chunks when every row changes: a chunk holding
	 * two stripes of one page would put more versions on it in one transaction than its free space takes.
	 *
	 * @param page the row's page number, a column computed once from its tid
	 * @param passPages pages of the catalogue per pass, or null for the size from shared_buffers
	 * @param chunkSize changed rows per apply transaction
	 */
	private static String applyOrder(String page, String tid, String sku, @Nullable Integer passPages,
			int chunkSize) {
		// unknown before the catalogue's first ANALYZE: then one version per page and stripe, the safe side
		String versionsPerPage = "(SELECT CASE WHEN c.relpages > 0 AND c.reltuples > 0 THEN greatest(1, floor(0.1"
				+ " * current_setting('block_size')::int / (c.relpages * current_setting('block_size')::int * 0.9"
				+ " / c.reltuples))) ELSE 1 END FROM pg_class c WHERE c.oid = 'products'::regclass)";
		// shared_buffers in pages; the catalogue's size as of its last ANALYZE or VACUUM
		String pagesPerPass = (passPages != null) ? String.valueOf(passPages)
				: "(SELECT CASE WHEN c.relpages <= b.setting::bigint / 2 THEN 2147483647 ELSE greatest(b.setting::bigint"
						+ " / 4, ceil(2.0 * " + chunkSize + " / " + versionsPerPage + ")::bigint) END"
						+ " FROM pg_class c, pg_settings b WHERE c.oid = 'products'::regclass AND b.name = 'shared_buffers')";
		// ranked in line pointer order: any order within a page does, and a tid sorts faster than a SKU (S1's
		// classify 7.5 -> 6.8 s on PostgreSQL 15); the rows are still locked and applied in SKU order within a stripe
		return "lpad((" + page + "::bigint / " + pagesPerPass + ")::text, 5, '0') || lpad(floor((row_number() OVER"
				+ " (PARTITION BY " + page + " ORDER BY " + tid + ") - 1) / " + versionsPerPage
				+ ")::int::text, 4, '0') || " + sku;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		String staged = run.stagingTable(StockStagingRows.STAGING_PREFIX);
		String apply = applyTable(run);
		String superseded = staged + "_superseded";
		// the hash join below keeps a million-line feed in memory instead of spilling to disk
		this.jdbc.sql("SET LOCAL work_mem = '256MB'").update();
		// The join of the feed with the catalogue is this step's cost, and the process that waits for it has nothing
		// else to do: let PostgreSQL run it on parallel workers. Its default costs keep a join whose every row goes
		// to the leader serial; measured on 1M lines, PostgreSQL 15, 2 cores: every line changed 3.9 -> 2.6 s, 10%
		// changed 1.6 -> 0.9 s. Only a CREATE TABLE AS can have a parallel plan here: a statement that writes through
		// a data-modifying CTE or INSERT ... SELECT never has one. Parallel workers cannot read temporary tables.
		this.jdbc.sql("SET LOCAL parallel_setup_cost = 0").update();
		this.jdbc.sql("SET LOCAL parallel_tuple_cost = 0.001").update();
		this.jdbc.sql("DROP TABLE IF EXISTS " + apply + ", " + superseded).update();
		// the lines that a later line of the same SKU supersedes (last line wins): with a complete repeats list
		// only its SKUs can have several lines; a few rows, in a table of their own so that the join below stays a
		// parallel hash anti-join
		this.jdbc.sql("CREATE TABLE " + superseded + " AS SELECT line_no FROM (SELECT line_no, max(line_no) OVER"
				+ " (PARTITION BY sku) AS last FROM " + staged
				+ (StagingWriter.repeatsComplete(this.jobRepository, step)
						? " WHERE sku IN (SELECT sku FROM " + StagingWriter.repeatsTable(staged) + ")" : "")
				+ ") r WHERE line_no < last").update();
		this.jdbc.sql("ANALYZE " + superseded).update();
		// One pass: the last line of each SKU, looked up once in the catalogue. Unchanged SKUs go no further. A
		// changed SKU's row is keyed by its apply order; an unknown SKU's ('u') and a stale one's ('s') by its
		// class and line number, which sorts after every apply order key: they are taken out below.
		Instant asOf = FingerprintTasklet.asOf(step);
		this.jdbc.sql("CREATE TABLE " + apply + " AS SELECT sku, quantity, line_no, CASE WHEN class = 'c' THEN "
				+ applyOrder("page", "ctid", "sku", this.passPages, this.chunkSize) + " ELSE class || line_no END"
				+ " COLLATE \"C\" AS " + APPLY_ORDER + " FROM (SELECT l.sku, l.quantity, l.line_no, p.ctid,"
				+ " (p.ctid::text::point)[0] AS page, CASE WHEN p.id IS NULL THEN 'u'"
				// not newer than the product's watermark: a newer feed already set this SKU's stock
				+ " WHEN p.stock_as_of >= ? THEN 's' WHEN p.stock_quantity <> l.quantity THEN 'c' END AS class"
				+ " FROM " + staged + " l LEFT JOIN products p ON p.sku = l.sku"
				+ " WHERE NOT EXISTS (SELECT 1 FROM " + superseded + " x WHERE x.line_no = l.line_no)) k"
				+ " WHERE class IS NOT NULL")
			.param(Timestamp.from(asOf))
			.update();
		// its one index: the apply, cache-refresh and the partitioner all walk the table in this order
		this.jdbc.sql("ALTER TABLE " + apply + " ADD PRIMARY KEY (" + APPLY_ORDER + ")").update();
		// statistics now, not whenever autovacuum comes by: the apply ranges are planned as index range joins, and
		// split by the key's histogram (SkuRangePartitioner); the counts below read the key's range by its index
		this.jdbc.sql("ANALYZE " + apply).update();
		long[] unknownAndStale = this.jdbc.sql("SELECT count(*) FILTER (WHERE " + APPLY_ORDER + " >= 'u'), count(*)"
				+ " FROM " + apply + " WHERE " + APPLY_ORDER + " >= 's'")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) - rs.getLong(1) })
			.single();
		if (unknownAndStale[0] > 0) {
			// the raw text of an unknown SKU's line, looked up by its line number, for these few lines only
			this.jdbc.sql("INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku,"
					+ " reason, detail, raw) SELECT ?, ?, ?, ?, a.line_no, a.sku, 'UNKNOWN_SKU', 'no product with this SKU"
					+ " in the catalogue', s.raw FROM " + apply + " a JOIN " + staged + " s ON s.line_no = a.line_no"
					+ " WHERE a." + APPLY_ORDER + " >= 'u' ON CONFLICT (job_instance_id, line_no) DO NOTHING")
				.params(run.instanceId(), run.executionId(), run.jobName(), run.file().toString())
				.update();
		}
		if (unknownAndStale[0] + unknownAndStale[1] > 0) {
			this.jdbc.sql("DELETE FROM " + apply + " WHERE " + APPLY_ORDER + " >= 's'").update();
			this.jdbc.sql("ANALYZE " + apply).update();
		}
		long supersededLines = this.jdbc.sql("SELECT count(*) FROM " + superseded).query(Long.class).single();
		this.jdbc.sql("DROP TABLE " + superseded).update();
		// the load step's listener could not be trusted with this: a kill after the load was recorded complete
		// loses the job context; the reader's count committed with its last chunk
		long read = LastStep.linesRead(this.jobRepository, step);
		FeedSummary.of(step.getJobExecution())
			.put(FeedSummary.READ, read)
			.put(FeedSummary.SUPERSEDED, supersededLines)
			.put(FeedSummary.STALE, unknownAndStale[1])
			.putRejects(this.ledger.countsByReason(run.instanceId()));
		// joins this step's transaction: the summary commits with the rejects and the apply table it counts
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		return RepeatStatus.FINISHED;
	}

}
