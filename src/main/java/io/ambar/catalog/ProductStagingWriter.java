package io.ambar.catalog;

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
 * Writes a chunk of validated product lines: valid ones to the run's staging table with COPY, with their content
 * hash, rejects to the ledger. Both join the chunk's transaction. Duplicate SKUs are all staged; the classify step
 * keeps the last.
 */
class ProductStagingWriter implements ItemWriter<Validated<ProductLine>>, StepExecutionListener {

	static final String STAGING_PREFIX = "product";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final RejectLedger ledger;

	private final FeedRun run;

	private final String table;

	ProductStagingWriter(DataSource dataSource, RejectLedger ledger, StepExecution step) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.ledger = ledger;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(STAGING_PREFIX);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		// no index while loading: COPY into a bare heap is the fast path; classify sorts once. Attributes stay
		// text: only the changed rows are parsed into jsonb, when they are applied
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table + " (line_no bigint NOT NULL, sku text NOT NULL, "
				+ "name text NOT NULL, description text, brand text, category text, price numeric(12, 2) NOT NULL, "
				+ "currency text NOT NULL, attributes text NOT NULL, active boolean NOT NULL, "
				+ "content_hash bytea NOT NULL)");
	}

	@Override
	public void write(Chunk<? extends Validated<ProductLine>> chunk) throws Exception {
		CopyIn valid = new CopyIn();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<ProductLine> item : chunk) {
			if (item instanceof Validated.Valid<ProductLine> v) {
				ProductLine line = v.line();
				valid.add(line.line())
					.add(line.sku())
					.add(line.name())
					.add(line.description())
					.add(line.brand())
					.add(line.category())
					.add(line.price().toPlainString())
					.add(line.currency())
					.add(line.attributes())
					.add(Boolean.toString(line.active()))
					// bytea's hex input format
					.add("\\x" + line.contentHash())
					.endRow();
			}
			else if (item instanceof Validated.Rejected<ProductLine> rejected) {
				rejects.add(rejected.reject());
			}
		}
		valid.copyInto(this.dataSource, this.table + " (line_no, sku, name, description, brand, category, price, "
				+ "currency, attributes, active, content_hash)");
		this.ledger.record(this.run, rejects);
	}

}
