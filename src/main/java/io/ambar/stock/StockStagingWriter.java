package io.ambar.stock;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.ambar.feed.CopyIn;
import io.ambar.feed.FeedRun;
import io.ambar.feed.Reject;
import io.ambar.feed.RejectLedger;
import io.ambar.feed.Validated;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of validated stock lines: valid ones to the run's staging table with COPY, rejects to the
 * ledger. Both join the chunk's transaction. Duplicate SKUs are all staged; the classify step keeps the last.
 */
class StockStagingWriter implements ItemWriter<Validated<StockLine>>, StepExecutionListener {

	static final String STAGING_PREFIX = "stock";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final RejectLedger ledger;

	private final FeedRun run;

	private final String table;

	StockStagingWriter(DataSource dataSource, RejectLedger ledger, StepExecution step) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.ledger = ledger;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(STAGING_PREFIX);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		// no index while loading: COPY into a bare heap is the fast path; classify sorts once
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table
				+ " (line_no bigint NOT NULL, sku text NOT NULL, quantity integer NOT NULL, raw text NOT NULL)");
	}

	@Override
	public void write(Chunk<? extends Validated<StockLine>> chunk) throws Exception {
		CopyIn valid = new CopyIn();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<StockLine> item : chunk) {
			if (item instanceof Validated.Valid<StockLine> v) {
				StockLine line = v.line();
				valid.add(line.line()).add(line.sku()).add(line.quantity()).add(line.raw()).endRow();
			}
			else if (item instanceof Validated.Rejected<StockLine> rejected) {
				rejects.add(rejected.reject());
			}
		}
		valid.copyInto(this.dataSource, this.table + " (line_no, sku, quantity, raw)");
		this.ledger.record(this.run, rejects);
	}

}
