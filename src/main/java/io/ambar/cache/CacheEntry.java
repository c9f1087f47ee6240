package io.ambar.cache;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a cache level holds for a SKU: the product at a version, or the SKU known absent (version 0, below every
 * product's), so that a scan of unknown SKUs does not reach the database each time.
 */
record CacheEntry(long version, @Nullable CachedProduct product) {

	static final CacheEntry ABSENT = new CacheEntry(0, null);

	static CacheEntry of(CachedProduct product) {
		return new CacheEntry(product.version(), product);
	}

	static CacheEntry of(Optional<CachedProduct> product) {
		return product.map(CacheEntry::of).orElse(ABSENT);
	}

	boolean present() {
		return this.product != null;
	}

	Optional<CachedProduct> found() {
		return Optional.ofNullable(this.product);
	}

}
