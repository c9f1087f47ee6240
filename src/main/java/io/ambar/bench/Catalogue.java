package io.ambar.bench;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The products table as each contender of a scenario finds it: the scenario's starting catalogue is kept in a
 * snapshot table and copied back before every contender, outside the timing.
 * <p>
 * A restore also vacuums, analyses and checkpoints, so no contender pays for the dead rows, missing statistics or
 * dirty pages of the one before it.
 */
final class Catalogue {

	private static final String START = "bench_catalogue_start";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private boolean checkpoints = true;

	Catalogue(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	void empty() {
		this.jdbc.execute("TRUNCATE products");
	}

	/** Replaces the products with a CSV {@code sku,name,price,currency,stock_quantity} with a header line. */
	void load(Path csv) throws Exception {
		empty();
		try (Connection connection = this.dataSource.getConnection()) {
			FileCopy.copy(connection,
					"COPY products (sku, name, price, currency, stock_quantity) FROM STDIN (FORMAT csv, HEADER)", csv);
		}
	}

	/** Keeps the products as they are now as the state that {@link #restoreStart()} returns to. */
	void keepAsStart() {
		this.jdbc.execute("DROP TABLE IF EXISTS " + START);
		this.jdbc.execute("CREATE UNLOGGED TABLE " + START + " AS SELECT * FROM products");
	}

	void restoreStart() {
		empty();
		this.jdbc.execute("INSERT INTO products OVERRIDING SYSTEM VALUE SELECT * FROM " + START);
		this.jdbc.execute("VACUUM (ANALYZE) products");
		if (this.checkpoints) {
			try {
				this.jdbc.execute("CHECKPOINT");
			}
			catch (DataAccessException ex) {
				// CHECKPOINT needs a superuser or pg_checkpoint; the timings are then just noisier
				this.checkpoints = false;
				System.err.println("bench: no CHECKPOINT between contenders (" + ex.getMostSpecificCause().getMessage() + ")");
			}
		}
	}

	/**
	 * A digest of every feed-owned column and the stock of all products, to check that contenders leave the same
	 * catalogue; content_hash and the timestamps are left out, as only Ambar's job keeps the hash.
	 */
	String fingerprint() {
		return this.jdbc.queryForObject("""
				SELECT count(*) || ':' || coalesce(sum(hashtextextended(concat_ws('|', sku, name, description, brand,
				    category, price, currency, attributes, active, stock_quantity), 0)), 0)
				FROM products""", String.class);
	}

	/** Leaves the database as the bench found it, products emptied. */
	void clear() {
		empty();
		this.jdbc.execute("DROP TABLE IF EXISTS " + START);
	}

}
