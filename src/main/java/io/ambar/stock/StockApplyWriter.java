package io.ambar.stock;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies a chunk of staged stock levels in one statement, writing only rows whose quantity differs. Chunks arrive
 * sorted by SKU and rows are locked in that order, so two jobs updating overlapping SKUs wait for each other
 * instead of deadlocking.
 * <p>
 * Counts the rows it changed in the step's execution context, which is saved with each chunk's commit: the count
 * stays exact across a restart.
 */
class StockApplyWriter implements ItemWriter<StockChange>, ItemStream {

	static final String APPLIED = "apply.applied";

	private final JdbcTemplate jdbc;

	private long applied;

	StockApplyWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void open(ExecutionContext context) {
		this.applied = context.getLong(APPLIED, 0L);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(APPLIED, this.applied);
	}

	@Override
	public void write(Chunk<? extends StockChange> chunk) {
		String[] skus = new String[chunk.size()];
		Integer[] quantities = new Integer[chunk.size()];
		int i = 0;
		for (StockChange change : chunk) {
			skus[i] = change.sku();
			quantities[i++] = change.quantity();
		}
		this.applied += this.jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					UPDATE products p SET stock_quantity = v.quantity, updated_at = now()
					FROM unnest(?::text[], ?::integer[]) AS v(sku, quantity)
					WHERE p.sku = v.sku AND p.stock_quantity <> v.quantity""");
			statement.setArray(1, connection.createArrayOf("text", skus));
			statement.setArray(2, connection.createArrayOf("int4", quantities));
			return statement;
		});
	}

}
