package io.ambar.feed;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load step's writer: valid lines to the run's staging table with COPY, rejects to the ledger, both in the
 * chunk's transaction. Duplicate SKUs are all staged; the job's classify step keeps the last.
 * <p>
 * The table has no index while loading: COPY into a bare heap is the fast path, and classify reads it whole.
 */
public class StagingWriter<T> implements ItemWriter<Validated<T>>, StepExecutionListener {

	/** What a job stages: its table's columns and how a line becomes a row. */
	public interface Rows<T> {

		/** Column definitions, starting with {@code line_no bigint NOT NULL, sku text NOT NULL}. */
		String columns();

		/** Column names in the order {@link #add} writes them. */
		String names();

		void add(T line, CopyIn row);

	}

	private final DataSource dataSource;

	private final RejectLedger ledger;

	private final Rows<T> rows;

	private final FeedRun run;

	private final String table;

	public StagingWriter(DataSource dataSource, RejectLedger ledger, StepExecution step, String stagingPrefix,
			Rows<T> rows) {
		this.dataSource = dataSource;
		this.ledger = ledger;
		this.rows = rows;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(stagingPrefix);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE IF NOT EXISTS " + this.table + " (" + this.rows.columns() + ")");
	}

	@Override
	public void write(Chunk<? extends Validated<T>> chunk) throws Exception {
		CopyIn valid = new CopyIn();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<T> item : chunk) {
			if (item instanceof Validated.Valid<T> line) {
				this.rows.add(line.line(), valid);
				valid.endRow();
			}
			else if (item instanceof Validated.Rejected<T> rejected) {
				rejects.add(rejected.reject());
			}
		}
		valid.copyInto(this.dataSource, this.table + " (" + this.rows.names() + ")");
		this.ledger.record(this.run, rejects);
	}

}
