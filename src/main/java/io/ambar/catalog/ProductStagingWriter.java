package io.ambar.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
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
 * Writes a chunk of validated product lines: valid ones to the run's staging table with their content hash, one
 * row per SKU (a later line replaces an earlier one: last wins), rejects to the ledger. Both join the chunk's
 * transaction.
 */
class ProductStagingWriter implements ItemWriter<Validated<ProductLine>>, StepExecutionListener {

	static final String STAGING_PREFIX = "product";

	private final JdbcTemplate jdbc;

	private final RejectLedger ledger;

	private final FeedRun run;

	private final String table;

	ProductStagingWriter(JdbcTemplate jdbc, RejectLedger ledger, StepExecution step) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.run = FeedRun.of(step);
		this.table = this.run.stagingTable(STAGING_PREFIX);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		// sku is the key: staging holds the winning line of each SKU, ready for a keyset-ordered apply
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table + " (sku text PRIMARY KEY, name text NOT NULL, "
				+ "description text, brand text, category text, price numeric(12, 2) NOT NULL, currency text NOT NULL, "
				+ "attributes jsonb NOT NULL, active boolean NOT NULL, content_hash bytea NOT NULL, "
				+ "line_no bigint NOT NULL, raw text NOT NULL)");
	}

	@Override
	public void write(Chunk<? extends Validated<ProductLine>> chunk) {
		Map<String, ProductLine> lastBySku = new LinkedHashMap<>();
		List<Reject> rejects = new ArrayList<>();
		for (Validated<ProductLine> item : chunk) {
			if (item instanceof Validated.Valid<ProductLine> valid) {
				lastBySku.put(valid.line().sku(), valid.line());
			}
			else if (item instanceof Validated.Rejected<ProductLine> rejected) {
				rejects.add(rejected.reject());
			}
		}
		stage(lastBySku.values());
		this.ledger.record(this.run, rejects);
	}

	private void stage(Collection<ProductLine> lines) {
		if (lines.isEmpty()) {
			return;
		}
		int n = lines.size();
		String[] skus = new String[n];
		String[] names = new String[n];
		String[] descriptions = new String[n];
		String[] brands = new String[n];
		String[] categories = new String[n];
		BigDecimal[] prices = new BigDecimal[n];
		String[] currencies = new String[n];
		String[] attributes = new String[n];
		Boolean[] actives = new Boolean[n];
		String[] hashes = new String[n];
		Long[] lineNumbers = new Long[n];
		String[] raws = new String[n];
		int i = 0;
		for (ProductLine line : lines) {
			skus[i] = line.sku();
			names[i] = line.name();
			descriptions[i] = line.description();
			brands[i] = line.brand();
			categories[i] = line.category();
			prices[i] = line.price();
			currencies[i] = line.currency();
			attributes[i] = line.attributes();
			actives[i] = line.active();
			hashes[i] = line.contentHash();
			lineNumbers[i] = line.line();
			raws[i] = line.raw().replace("\0", "\\u0000");
			i++;
		}
		this.jdbc.update(connection -> {
			var statement = connection.prepareStatement("INSERT INTO " + this.table + " AS s (sku, name, description, "
					+ "brand, category, price, currency, attributes, active, content_hash, line_no, raw) "
					+ "SELECT sku, name, description, brand, category, price, currency, attributes::jsonb, active, "
					+ "decode(content_hash, 'hex'), line_no, raw "
					+ "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], "
					+ "?::text[], ?::boolean[], ?::text[], ?::bigint[], ?::text[]) "
					+ "AS v(sku, name, description, brand, category, price, currency, attributes, active, "
					+ "content_hash, line_no, raw) "
					+ "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, "
					+ "brand = EXCLUDED.brand, category = EXCLUDED.category, price = EXCLUDED.price, "
					+ "currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, active = EXCLUDED.active, "
					+ "content_hash = EXCLUDED.content_hash, line_no = EXCLUDED.line_no, raw = EXCLUDED.raw "
					+ "WHERE s.line_no < EXCLUDED.line_no");
			statement.setArray(1, connection.createArrayOf("text", skus));
			statement.setArray(2, connection.createArrayOf("text", names));
			statement.setArray(3, connection.createArrayOf("text", descriptions));
			statement.setArray(4, connection.createArrayOf("text", brands));
			statement.setArray(5, connection.createArrayOf("text", categories));
			statement.setArray(6, connection.createArrayOf("numeric", prices));
			statement.setArray(7, connection.createArrayOf("text", currencies));
			statement.setArray(8, connection.createArrayOf("text", attributes));
			statement.setArray(9, connection.createArrayOf("bool", actives));
			statement.setArray(10, connection.createArrayOf("text", hashes));
			statement.setArray(11, connection.createArrayOf("int8", lineNumbers));
			statement.setArray(12, connection.createArrayOf("text", raws));
			return statement;
		});
	}

}
