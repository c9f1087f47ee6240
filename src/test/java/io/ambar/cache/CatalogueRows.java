package io.ambar.cache;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Products written straight into the table, as a job would leave them: each write bumps the version. */
final class CatalogueRows {

	private final JdbcClient jdbc;

	CatalogueRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void clear() {
		this.jdbc.sql("TRUNCATE products").update();
	}

	void insert(String sku, int stock) {
		this.jdbc.sql("""
				INSERT INTO products (sku, name, description, brand, category, price, currency, attributes, stock_quantity)
				VALUES (?, 'Anvil ' || ?, 'A heavy anvil', 'Acme', 'Tools', 12.50, 'EUR', '{"colour":"black"}', ?)""")
			.params(sku, sku, stock)
			.update();
	}

	/** Sets the stock as a job would: a new version. */
	void setStock(String sku, int stock) {
		this.jdbc.sql("UPDATE products SET stock_quantity = ?, version = version + 1, updated_at = now() WHERE sku = ?")
			.params(stock, sku)
			.update();
	}

	CachedProduct read(String sku) {
		return this.jdbc.sql("SELECT " + CachedProduct.COLUMNS + " FROM products p WHERE p.sku = ?")
			.param(sku)
			.query(CachedProduct.ROW_MAPPER)
			.single();
	}

}
