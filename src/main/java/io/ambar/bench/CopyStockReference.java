package io.ambar.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Contender (a) for stock: COPY the feed into a temporary table and apply it with one UPDATE, in one transaction on
 * one connection; the fastest way PostgreSQL offers, without validation, rejects or restart.
 * <p>
 * The temporary table numbers the lines in COPY order, so that when a SKU repeats its last line wins.
 */
final class CopyStockReference {

	private static final String UPDATE = """
			UPDATE products p SET stock_quantity = s.quantity, updated_at = now()
			FROM (SELECT DISTINCT ON (sku) sku, quantity FROM bench_stock_feed ORDER BY sku, line DESC) s
			WHERE p.sku = s.sku""";

	private final DataSource dataSource;

	CopyStockReference(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	void apply(Path feed) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TEMP TABLE bench_stock_feed (line bigserial, sku text, quantity integer)"
						+ " ON COMMIT DROP");
				FileCopy.copy(connection, "COPY bench_stock_feed (sku, quantity) FROM STDIN (FORMAT csv, HEADER)", feed);
				statement.executeUpdate(UPDATE);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

}
