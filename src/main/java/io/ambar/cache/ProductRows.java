package io.ambar.cache;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The products table below both cache levels. */
final class ProductRows implements ProductLoader {

	private final JdbcClient jdbc;

	ProductRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<CachedProduct> find(String sku) {
		return this.jdbc.sql("SELECT " + CachedProduct.COLUMNS + " FROM products p WHERE p.sku = ?")
			.param(sku)
			.query(CachedProduct.ROW_MAPPER)
			.optional();
	}

}
