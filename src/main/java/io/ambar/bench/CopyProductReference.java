package io.ambar.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Contender (a) for products: COPY the JSONL lines, unchanged, into a one-column temporary table and upsert them with
 * one {@code INSERT ... ON CONFLICT DO UPDATE}, in one transaction; no change detection, every product is written.
 * <p>
 * The lines are copied as CSV with control characters for quote and delimiter, which JSON text never holds
 * unescaped, so each line arrives as one field, backslashes and all (text format would unescape them).
 */
final class CopyProductReference {

	/** What an upsert sets on a product that exists: every feed-owned column. */
	static final String ON_CONFLICT_UPDATE = """
			ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
			    brand = EXCLUDED.brand, category = EXCLUDED.category, price = EXCLUDED.price,
			    currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, active = EXCLUDED.active,
			    updated_at = now()""";

	private static final String UPSERT = """
			INSERT INTO products (sku, name, description, brand, category, price, currency, attributes, active)
			SELECT DISTINCT ON (j ->> 'sku') j ->> 'sku', j ->> 'name', j ->> 'description', j ->> 'brand',
			    j ->> 'category', (j ->> 'price')::numeric(12, 2), j ->> 'currency', j -> 'attributes',
			    (j ->> 'active')::boolean
			FROM (SELECT line, doc::jsonb AS j FROM bench_product_feed) f
			ORDER BY j ->> 'sku', line DESC
			""" + ON_CONFLICT_UPDATE;

	private final DataSource dataSource;

	CopyProductReference(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	void apply(Path feed) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TEMP TABLE bench_product_feed (line bigserial, doc text) ON COMMIT DROP");
				FileCopy.copy(connection,
						"COPY bench_product_feed (doc) FROM STDIN (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')", feed);
				statement.executeUpdate(UPSERT);
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
