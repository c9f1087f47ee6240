package io.ambar.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ambar.cache.CachedProduct;
import org.jspecify.annotations.Nullable;

/**
 * A product as the read API serves it.
 *
 * @param price a JSON string with two decimals ({@code "12.50"}): exact, where a JSON number may be read as a
 * binary floating-point value
 * @param attributes a JSON object
 * @param stock the stock quantity
 * @param version grows with every write of the product; the single-product ETag
 */
record ProductResponse(String sku, String name, @Nullable String description, @Nullable String brand,
		@Nullable String category, String price, String currency, @JsonRawValue String attributes, boolean active,
		int stock, long version, Instant updatedAt) {

	static ProductResponse of(CachedProduct product) {
		return new ProductResponse(product.sku(), product.name(), product.description(), product.brand(),
				product.category(), product.price().setScale(2).toPlainString(), product.currency(),
				product.attributes(), product.active(), product.stock(), product.version(), product.updatedAt());
	}

}
