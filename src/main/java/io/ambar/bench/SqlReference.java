package io.ambar.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A hand-written SQL contender: COPY a file into a temporary table and apply it with one set-based statement, in one
 * transaction on one connection, with no validation, rejects or restart. The same SQL runs through JDBC in the bench's
 * JVM (warm) or as a psql script of its own (cold), so both modes time the same work.
 * <p>
 * The stock and JSONL tables number the lines in COPY order, so that when a SKU repeats its last line wins. The JSONL
 * lines are copied as CSV with control characters for quote and delimiter, which JSON text never holds unescaped, so
 * each line arrives as one field, backslashes and all (text format would unescape them).
 *
 * @param createTable the temporary table, dropped at commit
 * @param copyInto the table and columns COPY fills
 * @param copyOptions COPY's options, in parentheses
 * @param apply the statement that applies the table to {@code products}
 */
record SqlReference(String createTable, String copyInto, String copyOptions, String apply) {

	/** What an upsert sets on a product that exists: every feed-owned column. */
	static final String ON_CONFLICT_UPDATE = """
			ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
			    brand = EXCLUDED.brand, category = EXCLUDED.category, price = EXCLUDED.price,
			    currency = EXCLUDED.currency, attributes = EXCLUDED.attributes, active = EXCLUDED.active,
			    updated_at = now()""";

	/** The feed-owned columns of a product, the ones a product feed sets and a content comparison compares. */
	static final String PRODUCT_COLUMNS = "sku, name, description, brand, category, price, currency, attributes, active";

	private static final String STOCK_TABLE = "CREATE TEMP TABLE bench_stock_feed (line bigserial, sku text,"
			+ " quantity integer) ON COMMIT DROP";

	private static final String STOCK_UPDATE = """
			UPDATE products p SET stock_quantity = s.quantity, updated_at = now()
			FROM (SELECT DISTINCT ON (sku) sku, quantity FROM bench_stock_feed ORDER BY sku, line DESC) s
			WHERE p.sku = s.sku""";

	private static final String JSONL_TABLE = "CREATE TEMP TABLE bench_product_feed (line bigserial, doc text)"
			+ " ON COMMIT DROP";

	private static final String JSONL_OPTIONS = "(FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')";

	/** The JSONL lines as typed product rows, the last line of a repeated SKU only. */
	static final String JSONL_PRODUCTS = """
			SELECT DISTINCT ON (j ->> 'sku') j ->> 'sku' AS sku, j ->> 'name' AS name, j ->> 'description' AS description,
			    j ->> 'brand' AS brand, j ->> 'category' AS category, (j ->> 'price')::numeric(12, 2) AS price,
			    j ->> 'currency' AS currency, j -> 'attributes' AS attributes, (j ->> 'active')::boolean AS active
			FROM (SELECT line, doc::jsonb AS j FROM bench_product_feed) f
			ORDER BY j ->> 'sku', line DESC""";

	private static final String UPSERT = "INSERT INTO products AS p (" + PRODUCT_COLUMNS + ")\n";

	/** (a) for stock: every line's SKU is updated, changed or not. */
	static final SqlReference RAW_STOCK = new SqlReference(STOCK_TABLE, "bench_stock_feed (sku, quantity)",
			"(FORMAT csv, HEADER)", STOCK_UPDATE);

	/** (a') for stock: only the rows whose quantity differs are written. */
	static final SqlReference SMART_STOCK = new SqlReference(STOCK_TABLE, "bench_stock_feed (sku, quantity)",
			"(FORMAT csv, HEADER)", STOCK_UPDATE + " AND p.stock_quantity IS DISTINCT FROM s.quantity");

	/** (a) for products: fields extracted from the JSON by PostgreSQL, every product written. */
	static final SqlReference RAW_PRODUCTS = new SqlReference(JSONL_TABLE, "bench_product_feed (doc)", JSONL_OPTIONS,
			UPSERT + JSONL_PRODUCTS + "\n" + ON_CONFLICT_UPDATE);

	/** (a') for products: as (a), but a product whose feed-owned columns are all equal is left alone. */
	static final SqlReference SMART_PRODUCTS = new SqlReference(JSONL_TABLE, "bench_product_feed (doc)", JSONL_OPTIONS,
			UPSERT + JSONL_PRODUCTS + "\n" + ON_CONFLICT_UPDATE + """

					WHERE (p.name, p.description, p.brand, p.category, p.price, p.currency, p.attributes, p.active)
					    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.brand, EXCLUDED.category,
					    EXCLUDED.price, EXCLUDED.currency, EXCLUDED.attributes, EXCLUDED.active)""");

	/** (a'') for products: a typed CSV ({@link TypedProductCsv}), one row per SKU already, every product written. */
	static final SqlReference TYPED_CSV_PRODUCTS = new SqlReference(
			"CREATE TEMP TABLE bench_product_csv ON COMMIT DROP AS SELECT " + PRODUCT_COLUMNS
					+ " FROM products WITH NO DATA",
			"bench_product_csv (" + PRODUCT_COLUMNS + ")", "(FORMAT csv, HEADER)",
			UPSERT + "SELECT " + PRODUCT_COLUMNS + " FROM bench_product_csv\n" + ON_CONFLICT_UPDATE);

	/** The contender's SQL for the scenario; null for a contender that is not hand-written SQL. */
	static @Nullable SqlReference of(Contender contender, Scenario scenario) {
		return switch (contender) {
			case RAW -> scenario.stock() ? RAW_STOCK : RAW_PRODUCTS;
			case SMART -> scenario.stock() ? SMART_STOCK : SMART_PRODUCTS;
			case CSV -> scenario.stock() ? null : TYPED_CSV_PRODUCTS;
			default -> null;
		};
	}

	/** Applies the file in one transaction on a connection of the bench's pool; rolls back on any failure. */
	void apply(DataSource dataSource, Path file) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.createTable);
				FileCopy.copy(connection, "COPY " + this.copyInto + " FROM STDIN " + this.copyOptions, file);
				statement.executeUpdate(this.apply);
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

	/** The same as a psql script: {@code \copy} reads the file on the client side, as COPY FROM STDIN does. */
	String psqlScript(Path file) {
		String path = file.toAbsolutePath().toString().replace("'", "''");
		return String.join("\n", List.of("\\set ON_ERROR_STOP on", "BEGIN;", this.createTable + ";",
				"\\copy " + this.copyInto + " FROM '" + path + "' " + this.copyOptions, this.apply + ";", "COMMIT;", ""));
	}

}
