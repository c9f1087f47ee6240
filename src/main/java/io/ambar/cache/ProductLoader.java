package io.ambar.cache;

import java.util.Optional;

/** Where the cache loads a product it does not hold: the database. */
@FunctionalInterface
interface ProductLoader {

	/** The product with this SKU, empty when there is none. */
	Optional<CachedProduct> find(String sku);

}
