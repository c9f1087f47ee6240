package io.ambar.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Writes a chunk of validated stock lines: valid ones to the run's staging table, one row per SKU (a later line
 * replaces an earlier one: last wins), rejects to the ledger. Both join the chunk's transaction.
 */
class StockStagingWriter implements ItemWriter<Validated<StockLine>>, StepExecutionListener {

	static final String STAGING_PREFIX = "stock";

	private final JdbcTemplate jdbc;

	private final RejectLedger ledger;

	private final FeedRun run;

	private final String table;

	StockStagingWriter(JdbcTemplate jdbc, RejectLedger ledger, StepExecution step) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(STAGING_PREFIX);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		// sku is the key: staging holds the winning line of each SKU, ready for a keyset-ordered apply
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table
				+ " (sku text PRIMARY KEY, quantity integer NOT NULL, line_no bigint NOT NULL, raw text NOT NULL)");
	}

	@Override
	public void write(Chunk<? extends Validated<StockLine>> chunk) {
		Map<String, StockLine> lastBySku = new LinkedHashMap<>();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<StockLine> item : chunk) {
			if (item instanceof Validated.Valid<StockLine> valid) {
				lastBySku.put(valid.line().sku(), valid.line());
			}
			else if (item instanceof Validated.Rejected<StockLine> rejected) {
				rejects.add(rejected.reject());
			}
		}
		stage(lastBySku.values());
		this.ledger.record(this.run, rejects);
	}

	private void stage(java.util.Collection<StockLine> lines) {
		if (lines.isEmpty()) {
			return;
		}
		int n = lines.size();
		String[] skus = new String[n];
		Integer[] quantities = new Integer[n];
		Long[] lineNumbers = new Long[n];
		String[] raws = new String[n];
		int i = 0;
		for (StockLine line : lines) {
			skus[i] = line.sku();
			quantities[i] = line.quantity();
			lineNumbers[i] = line.line();
			raws[i] = line.raw().replace("\0", "\\u0000");
			i++;
		}
		this.jdbc.update(connection -> {
			var statement = connection.prepareStatement("INSERT INTO " + this.table + " AS s (sku, quantity, line_no, raw) "
					+ "SELECT * FROM unnest(?::text[], ?::integer[], ?::bigint[], ?::text[]) "
					+ "ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity, line_no = EXCLUDED.line_no, raw = EXCLUDED.raw "
					+ "WHERE s.line_no < EXCLUDED.line_no");
			statement.setArray(1, connection.createArrayOf("text", skus));
			statement.setArray(2, connection.createArrayOf("int4", quantities));
			statement.setArray(3, connection.createArrayOf("int8", lineNumbers));
			statement.setArray(4, connection.createArrayOf("text", raws));
			return statement;
		});
	}

}
