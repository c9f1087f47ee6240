package io.ambar.feed;

import java.util.ArrayList;
import java.util.List;

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
 */
public class StagingWriter<T> implements ItemWriter<Validated<T>>, StepExecutionListener, ItemStream {

	private static final String REPEATS_COMPLETE = "staging.repeats-complete";

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

	private boolean repeatsComplete;

	public StagingWriter(DataSource dataSource, RejectLedger ledger, StepExecution step, String stagingPrefix,
			Rows<T> rows) {
		this.dataSource = dataSource;
		this.ledger = ledger;
		this.rows = rows;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(stagingPrefix);
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
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(REPEATS_COMPLETE, this.repeatsComplete);
	}

	@Override
	public void write(Chunk<? extends Validated<T>> chunk) throws Exception {
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
	}

}
