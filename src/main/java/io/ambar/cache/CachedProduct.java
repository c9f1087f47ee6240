package io.ambar.cache;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;

/**
 * A product as the cache holds it and the read API serves it: one row of {@code products}, with the row's
 * {@code version}, which grows with every write of the row.
 *
 * @param attributes the attributes as JSON object text, as PostgreSQL prints the jsonb
 */
public record CachedProduct(String sku, String name, @Nullable String description, @Nullable String brand,
		@Nullable String category, BigDecimal price, String currency, String attributes, boolean active, int stock,
		long version, Instant updatedAt) {

	/** The select list {@link #ROW_MAPPER} reads, for {@code products p}. */
	public static final String COLUMNS = "p.sku, p.name, p.description, p.brand, p.category, p.price, p.currency, "
			+ "p.attributes::text AS attributes, p.active, p.stock_quantity, p.version, p.updated_at";

	/** Maps a row selected with {@link #COLUMNS}. */
	public static final RowMapper<CachedProduct> ROW_MAPPER = CachedProduct::of;

	private static CachedProduct of(ResultSet rs, int row) throws SQLException {
		return new CachedProduct(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getInt(10), rs.getLong(11),
				rs.getObject(12, OffsetDateTime.class).toInstant());
	}

}
