package io.ambar.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts a chunk of the products classify found new or changed, named by SKU, in one statement: new SKUs are inserted (stock 0), known ones
 * updated unless they already hold the content (changed meanwhile); stock is never touched. Chunks arrive sorted
 * by SKU and rows are written in that order, so two jobs writing overlapping SKUs wait instead of deadlocking.
 * <p>
 * Counts inserted and updated rows in the step's execution context, which commits with each chunk, so a
 * restarted step goes on from the counts of what was committed.
 */
class ProductApplyWriter implements ItemWriter<String>, ItemStream {

	static final String INSERTED = "apply.inserted";

	static final String UPDATED = "apply.updated";

	private final JdbcTemplate jdbc;

	private final String applyTable;

	private final Timestamp asOf;

	private long inserted;

	private long updated;

	ProductApplyWriter(JdbcTemplate jdbc, String applyTable, Instant asOf) {
		this.jdbc = jdbc;
		this.applyTable = applyTable;
		this.asOf = Timestamp.from(asOf);
	}

	@Override
	public void open(ExecutionContext context) {
		this.inserted = context.getLong(INSERTED, 0L);
		this.updated = context.getLong(UPDATED, 0L);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(INSERTED, this.inserted);
		context.putLong(UPDATED, this.updated);
	}

	@Override
	public void write(Chunk<? extends String> chunk) {
		String[] skus = chunk.getItems().toArray(String[]::new);
		List<Boolean> rows = this.jdbc.query(connection -> {
			var statement = connection.prepareStatement("INSERT INTO products AS p (sku, name, description, brand, "
					+ "category, price, currency, attributes, active, content_hash, content_as_of) "
					+ "SELECT s.sku, s.name, s.description, s.brand, s.category, s.price, s.currency, "
					+ "s.attributes::jsonb, s.active, s.content_hash, CAST(? AS timestamptz) FROM unnest(?::text[]) AS k(sku) JOIN "
					+ this.applyTable
					+ " s ON s.sku = k.sku ORDER BY s.sku "
					+ "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, "
					+ "brand = EXCLUDED.brand, category = EXCLUDED.category, price = EXCLUDED.price, "
					+ "currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, active = EXCLUDED.active, "
					+ "content_hash = EXCLUDED.content_hash, content_as_of = EXCLUDED.content_as_of, "
					+ "version = p.version + 1, updated_at = now() "
					// unchanged meanwhile, or written by a feed of the same or a later as-of: left alone (but locked)
					+ "WHERE p.content_hash IS DISTINCT FROM EXCLUDED.content_hash "
					+ "AND (p.content_as_of IS NULL OR p.content_as_of < EXCLUDED.content_as_of) "
					// xmax is 0 for a row this statement inserted, the locking transaction's id for one it updated
					+ "RETURNING (p.xmax = 0)");
			statement.setTimestamp(1, this.asOf);
			statement.setArray(2, connection.createArrayOf("text", skus));
			return statement;
		}, (rs, n) -> rs.getBoolean(1));
		long insertedNow = rows.stream().filter(Boolean::booleanValue).count();
		this.inserted += insertedNow;
		this.updated += rows.size() - insertedNow;
	}

}
