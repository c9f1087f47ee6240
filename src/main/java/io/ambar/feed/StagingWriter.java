package io.ambar.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load step's writer: valid lines to the run's staging table with COPY, rejects to the ledger, both in the
 * chunk's transaction. Duplicate SKUs are all staged; the job's classify step keeps the last.
 * <p>
 * The table has no index while loading: COPY into a bare heap is the fast path, and classify reads it whole.
 * Finding the last line of each SKU costs classify a pass over the whole feed, which most feeds do not need: so
 * the writer also copies every SKU that may repeat an earlier one ({@link SeenSkus}) into
 * {@code <staging>_repeats}. That list is complete only when one execution loaded the whole feed (a restarted
 * load does not know what its predecessor saw); {@link #repeatsComplete} tells classify whether it can rely on it.
 * <p>
 * A feed whose rejects are sure to exceed {@code max-reject-ratio} fails the load at once rather than writing
 * millions of rejects first (see {@link #failWhenHopeless}); the {@code check} step after classify stays the gate.
 */
public class StagingWriter<T> implements ItemWriter<Validated<T>>, StepExecutionListener, ItemStream {

	private static final String REPEATS_COMPLETE = "staging.repeats-complete";

	private static final String RECORDS = "staging.records";

	private static final String REJECTED = "staging.rejected";

	/** How many times the lines estimated from the file size the feed is assumed to hold, at most. */
	private static final int ESTIMATE_MARGIN = 2;

	/** What a job stages: its table's columns and how a line becomes a row. */
	public interface Rows<T> {

		/** Column definitions, starting with {@code line_no bigint NOT NULL, sku text NOT NULL}. */
		String columns();

		/** Column names in the order {@link #add} writes them. */
		String names();

		/**
		 * Adds the line's columns to the row.
		 * @return the line's SKU
		 */
		String add(T line, CopyIn row);

	}

	private final DataSource dataSource;

	private final RejectLedger ledger;

	private final Rows<T> rows;

	private final FeedRun run;

	private final String table;

	private final SeenSkus seen = new SeenSkus();

	private final StepExecution step;

	private final double maxRejectRatio;

	private boolean repeatsComplete;

	/** Records written and rejects among them, this execution's and those committed before a restart. */
	private long records;

	private long rejected;

	private long fileSize;

	public StagingWriter(DataSource dataSource, RejectLedger ledger, StepExecution step, String stagingPrefix,
			Rows<T> rows) {
		this.dataSource = dataSource;
		this.ledger = ledger;
		this.rows = rows;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(stagingPrefix);
		this.step = step;
		this.maxRejectRatio = FeedParameters.of(step.getJobParameters()).maxRejectRatio();
	}

	/** The repeats table of a staging table: SKUs that may occur on more than one staged line. */
	public static String repeatsTable(String stagingTable) {
		return stagingTable + "_repeats";
	}

	/**
	 * Whether the load's repeats table holds every SKU staged more than once, as committed with its last chunk.
	 */
	public static boolean repeatsComplete(JobRepository jobRepository, StepExecution current) {
		ExecutionContext load = LastStep.context(jobRepository, current, FeedSteps.LOAD);
		return load.containsKey(REPEATS_COMPLETE) && (boolean) load.get(REPEATS_COMPLETE);
	}

	/**
	 * The lines the load staged (its valid lines), as committed with its last chunk: what a count of the staging
	 * table would say, without reading it.
	 */
	public static long stagedLines(JobRepository jobRepository, StepExecution current) {
		ExecutionContext load = LastStep.context(jobRepository, current, FeedSteps.LOAD);
		return load.getLong(RECORDS, 0L) - load.getLong(REJECTED, 0L);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table + " (" + this.rows.columns() + ")");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + repeatsTable(this.table) + " (sku text NOT NULL)");
	}

	@Override
	public void open(ExecutionContext context) {
		// a load that committed chunks before (a restart) staged SKUs this filter never saw
		this.repeatsComplete = !context.containsKey(REPEATS_COMPLETE);
		this.records = context.getLong(RECORDS, 0L);
		this.rejected = context.getLong(REJECTED, 0L);
		try {
			this.fileSize = Files.size(this.run.file());
		}
		catch (IOException ex) {
			// the reader reports an unreadable file; without a size there is nothing to estimate
			this.fileSize = 0;
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(REPEATS_COMPLETE, this.repeatsComplete);
		context.putLong(RECORDS, this.records);
		context.putLong(REJECTED, this.rejected);
	}

	@Override
	public void write(Chunk<? extends Validated<T>> chunk) throws Exception {
		// This transaction writes only staging, the ledger and the step's checkpoint (Spring Batch saves the
		// reader's state and the step execution in the chunk's transaction, on this same connection), never
		// products or feed_application: it need not wait for its WAL to reach the disk. Should PostgreSQL or the
		// machine crash before the WAL writer flushed it (at most 3 x wal_writer_delay later), the commit is lost
		// whole, its checkpoint with its rows, so the restart resumes at the line the last surviving chunk committed
		// (staging tables stay logged: an unlogged one would come back empty after such a crash while the
		// checkpoint, in a logged table, said its lines were staged, and they would be skipped). WAL is
		// flushed in order, and every later step commits synchronously, which flushes all of it: a lost load
		// commit can never sit behind a classify or apply that survived. A kill -9 of this process loses nothing:
		// the server has the commit.
		new JdbcTemplate(this.dataSource).execute("SET LOCAL synchronous_commit = off");
		CopyIn valid = new CopyIn();
		CopyIn repeats = new CopyIn();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<T> item : chunk) {
			if (item instanceof Validated.Valid<T> line) {
				String sku = this.rows.add(line.line(), valid);
				valid.endRow();
				if (this.seen.add(sku)) {
					repeats.add(sku).endRow();
				}
			}
			else if (item instanceof Validated.Rejected<T> rejected) {
				rejects.add(rejected.reject());
			}
		}
		valid.copyInto(this.dataSource, this.table + " (" + this.rows.names() + ")");
		repeats.copyInto(this.dataSource, repeatsTable(this.table) + " (sku)");
		this.ledger.record(this.run, rejects);
		this.records += chunk.size();
		this.rejected += rejects.size();
		failWhenHopeless();
	}

	/**
	 * Fails the load once its rejects exceed {@code max-reject-ratio} of even a generous estimate of the feed's
	 * lines: {@value #ESTIMATE_MARGIN} times what the file's size makes at the reader's bytes per line so far, and
	 * no fewer than the lines already read. Such a feed cannot pass {@code check}, so nothing is lost by stopping;
	 * a feed that would pass it is not stopped unless its later lines are much shorter than its earlier ones.
	 * @throws FeedFileException saying the rejects so far, the estimate and the ratio; the chunk rolls back
	 */
	private void failWhenHopeless() {
		if (this.rejected <= this.maxRejectRatio * this.records) {
			return;
		}
		ExecutionContext context = this.step.getExecutionContext();
		// the reader's state as of the last chunk: a density, so one chunk behind does no harm
		long readerRecords = FeedReader.records(context, FeedSteps.READER_NAME);
		long position = FeedReader.position(context, FeedSteps.READER_NAME);
		if (readerRecords == 0 || position == 0 || this.fileSize == 0) {
			return;
		}
		long estimate = Math.max(this.records,
				Math.round(ESTIMATE_MARGIN * (double) this.fileSize * readerRecords / position));
		if (this.rejected > this.maxRejectRatio * estimate) {
			throw new FeedFileException(this.run.file(), 0, String.format(Locale.ROOT,
					"%,d of the first %,d lines rejected, more than max-reject-ratio %s of even %,d lines (%d times "
							+ "what the file's %,d bytes hold at %,.1f bytes a line so far); stopped early, nothing "
							+ "applied (see: rejects %d)",
					this.rejected, this.records, this.maxRejectRatio, estimate, ESTIMATE_MARGIN, this.fileSize,
					(double) position / readerRecords, this.run.executionId()));
		}
	}

}
