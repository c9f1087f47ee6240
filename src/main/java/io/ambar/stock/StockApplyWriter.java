package io.ambar.stock;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies a chunk of stock changes in one statement. Chunks arrive sorted by SKU and the rows are locked in that
 * order, so two jobs updating overlapping SKUs wait for each other instead of deadlocking. A row that already
 * holds the quantity (changed meanwhile) is not touched.
 */
class StockApplyWriter implements ItemWriter<StockChange> {

	private final JdbcTemplate jdbc;

	StockApplyWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
		this.jdbc.update(connection -> {
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
